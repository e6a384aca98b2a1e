// @ts-check

/**
 * The precomputed overview: one row of headline figures and findings per entity that declares
 * service delivery, refreshed on ingest and on a schedule; and the state each finding was last
 * notified in, so that owners hear of every change once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sd_overview_rows', table => {
    table.comment(
      'Headline figures and findings of each entity that declares service delivery',
    );
    table.string('entity_ref', 255).notNullable().primary();
    table.text('row').notNullable().comment('OverviewRow as JSON');
    table.text('findings').notNullable().comment('Finding[] as JSON');
    table.bigInteger('computed_at').notNullable().comment('epoch milliseconds');
    table.index(['computed_at'], 'sd_overview_rows_computed_idx');
  });

  await knex.schema.createTable('sd_notification_state', table => {
    table.comment(
      'The state each finding subject was last notified (or recorded) in',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('subject', 255).notNullable();
    table.string('state', 64).notNullable();
    table.bigInteger('changed_at').notNullable().comment('epoch milliseconds');
    table.primary(['entity_ref', 'subject']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sd_notification_state');
  await knex.schema.dropTable('sd_overview_rows');
};
