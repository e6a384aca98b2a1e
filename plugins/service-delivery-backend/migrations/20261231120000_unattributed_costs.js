// @ts-check

/**
 * Cost lines that named an entity the catalog did not know: held apart, counted in no service's
 * cost, until they are sent again (same source and id) for a known entity.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sd_unattributed_costs', table => {
    table.comment('Cost lines for entities the catalog does not know');
    table.string('source', 64).notNullable();
    table.string('id', 200).notNullable();
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('the entity the line named');
    table.string('period_start', 7).notNullable().comment('YYYY-MM');
    table.string('category', 100).notNullable();
    table.double('amount').notNullable();
    table.string('currency', 3).notNullable();
    table.string('origin_file', 500).nullable();
    table.text('origin_lines').nullable().comment('JSON list of line numbers');
    table.string('written_by', 255).notNullable();
    table.bigInteger('written_at').notNullable().comment('epoch milliseconds');
    table.primary(['source', 'id']);
    table.index(['period_start'], 'sd_unattributed_costs_period_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sd_unattributed_costs');
};
