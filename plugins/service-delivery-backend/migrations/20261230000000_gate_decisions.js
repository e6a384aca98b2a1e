// @ts-check

/**
 * The release gate's decisions: who asked for which change of which entity, the answer and why.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sd_gate_decisions', table => {
    table.comment('Every answer of the release gate');
    table.bigIncrements('seq').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('change', 16).notNullable().comment('feature or fix');
    table.boolean('allow').notNullable();
    table.text('reasons').notNullable().comment('JSON list of sentences');
    table
      .string('requested_by', 255)
      .notNullable()
      .comment('the principal that asked');
    table
      .bigInteger('evaluated_at')
      .notNullable()
      .comment('epoch milliseconds');
    table.index(['entity_ref', 'seq'], 'sd_gate_decisions_entity_seq_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sd_gate_decisions');
};
