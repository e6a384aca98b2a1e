// @ts-check

/**
 * The audit trail keeps one entry per write of an entity's records — who wrote which records of one
 * kind and source, when, and whether they were new or changed — instead of one row per record: a
 * batch of 5,000 SLI buckets over 20 services is 20 to 40 entries. `record_id` stays the first
 * record's id; `record_ids` lists them all (JSON) when the write had more than one.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('sd_audit', table => {
    table
      .integer('record_count')
      .notNullable()
      .defaultTo(1)
      .comment('how many records the write created, updated or retracted');
    table
      .text('record_ids')
      .nullable()
      .comment(
        'JSON array of every record id of the write, when more than one',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sd_audit', table => {
    table.dropColumn('record_ids');
    table.dropColumn('record_count');
  });
};
