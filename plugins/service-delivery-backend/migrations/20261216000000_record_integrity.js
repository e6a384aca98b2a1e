// @ts-check

/**
 * Record integrity and the audit trail:
 * - SLI buckets and capacity samples are keyed with their source, so that pushed and pulled data
 *   for the same instant are both kept (the figures count the one written last);
 * - every record keeps who wrote it last and when (`written_by`, `written_at`, epoch ms);
 * - `sd_audit` lists every write (created, updated, retracted), and outlives retracted records;
 * - `sd_entities` remembers the catalog uid of the entity records were written for and since when
 *   an entity is missing from the catalog, for retention.
 * Existing rows keep their values; their writer and time are unknown (null).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('sd_sli', table => {
    table.dropPrimary();
  });
  await knex.schema.alterTable('sd_sli', table => {
    table.primary(['entity_ref', 'objective', 'bucket_start', 'source']);
  });
  await knex.schema.alterTable('sd_capacity', table => {
    table.dropPrimary();
  });
  await knex.schema.alterTable('sd_capacity', table => {
    table.primary(['entity_ref', 'resource', 'at', 'source']);
  });

  for (const name of [
    'sd_incidents',
    'sd_sli',
    'sd_costs',
    'sd_capacity',
    'sd_dr_tests',
  ]) {
    await knex.schema.alterTable(name, table => {
      table
        .string('written_by', 255)
        .nullable()
        .comment('the principal that wrote the record last');
      table
        .bigInteger('written_at')
        .nullable()
        .comment('when it was written last, epoch milliseconds');
    });
  }

  await knex.schema.createTable('sd_audit', table => {
    table.comment('Every write of a measured-data record: who, when, what');
    table.bigIncrements('seq').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('kind', 16).notNullable();
    table.string('source', 64).notNullable();
    table
      .string('record_id', 400)
      .notNullable()
      .comment('id, or objective@bucketStart, or resource@at');
    table
      .string('action', 16)
      .notNullable()
      .comment('created, updated, retracted');
    table.string('actor', 255).notNullable();
    table.bigInteger('at').notNullable().comment('epoch milliseconds');
    table.index(['entity_ref', 'seq'], 'sd_audit_entity_seq_idx');
    table.index(['at'], 'sd_audit_at_idx');
  });

  await knex.schema.createTable('sd_entities', table => {
    table.comment(
      'The catalog entity that records were written for, and when it left the catalog',
    );
    table.string('entity_ref', 255).notNullable().primary();
    table.string('uid', 255).nullable().comment("the entity's metadata.uid");
    table
      .bigInteger('gone_since')
      .nullable()
      .comment('first seen missing from the catalog, epoch milliseconds');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sd_entities');
  await knex.schema.dropTable('sd_audit');
  for (const name of [
    'sd_incidents',
    'sd_sli',
    'sd_costs',
    'sd_capacity',
    'sd_dr_tests',
  ]) {
    await knex.schema.alterTable(name, table => {
      table.dropColumn('written_by');
      table.dropColumn('written_at');
    });
  }
  // of rows of several sources for one instant, the one of the source first by name stays
  await knex.raw(
    `delete from sd_sli where exists (select 1 from sd_sli o where o.entity_ref = sd_sli.entity_ref and o.objective = sd_sli.objective and o.bucket_start = sd_sli.bucket_start and o.source < sd_sli.source)`,
  );
  await knex.raw(
    `delete from sd_capacity where exists (select 1 from sd_capacity o where o.entity_ref = sd_capacity.entity_ref and o.resource = sd_capacity.resource and o.at = sd_capacity.at and o.source < sd_capacity.source)`,
  );
  await knex.schema.alterTable('sd_sli', table => {
    table.dropPrimary();
  });
  await knex.schema.alterTable('sd_sli', table => {
    table.primary(['entity_ref', 'objective', 'bucket_start']);
  });
  await knex.schema.alterTable('sd_capacity', table => {
    table.dropPrimary();
  });
  await knex.schema.alterTable('sd_capacity', table => {
    table.primary(['entity_ref', 'resource', 'at']);
  });
};
