// @ts-check

/**
 * SLA corrections: an incident or an interval that an agreement (or every agreement of the entity)
 * does not count against its objectives. Kept, written and audited like every other record.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sd_corrections', table => {
    table.comment(
      'Incidents or intervals that agreements do not count against their objectives',
    );
    table.string('source', 64).notNullable();
    table.string('id', 200).notNullable();
    table.string('entity_ref', 255).notNullable();
    table
      .string('agreement', 100)
      .nullable()
      .comment("the agreement's name; null: every agreement");
    table.string('incident_source', 64).nullable();
    table.string('incident_id', 200).nullable();
    table
      .bigInteger('from_at')
      .nullable()
      .comment('start of the excluded interval, epoch milliseconds');
    table
      .bigInteger('to_at')
      .nullable()
      .comment('end of the excluded interval (exclusive), epoch milliseconds');
    table.string('reason', 64).notNullable();
    table.text('note').notNullable();
    table
      .string('written_by', 255)
      .nullable()
      .comment('the principal that wrote the record last');
    table
      .bigInteger('written_at')
      .nullable()
      .comment('when it was written last, epoch milliseconds');
    table.primary(['source', 'id']);
    table.index(['entity_ref'], 'sd_corrections_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sd_corrections');
};
