// @ts-check

/**
 * The measured-data records of the Service Delivery plugin. Instants are stored as
 * epoch milliseconds so that range queries behave the same on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sd_incidents', table => {
    table.comment(
      'Incidents (outages, degradations, planned work) of catalog entities',
    );
    table.string('source', 64).notNullable();
    table.string('id', 200).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.text('title').notNullable();
    table.string('priority', 16).nullable();
    table.string('impact', 16).notNullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('acknowledged_at').nullable();
    table.bigInteger('resolved_at').nullable();
    table.boolean('planned').notNullable().defaultTo(false);
    table.string('cause', 64).nullable();
    table.primary(['source', 'id']);
    table.index(
      ['entity_ref', 'started_at'],
      'sd_incidents_entity_started_idx',
    );
  });

  await knex.schema.createTable('sd_sli', table => {
    table.comment(
      'Good and total event counts of an objective per time bucket',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('objective', 100).notNullable();
    table.bigInteger('bucket_start').notNullable();
    table.integer('bucket_seconds').notNullable();
    table.bigInteger('good').notNullable();
    table.bigInteger('total').notNullable();
    table.string('source', 64).notNullable();
    table.primary(['entity_ref', 'objective', 'bucket_start']);
  });

  await knex.schema.createTable('sd_costs', table => {
    table.comment('Monthly cost lines of catalog entities');
    table.string('source', 64).notNullable();
    table.string('id', 200).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('period_start', 7).notNullable().comment('YYYY-MM');
    table.string('category', 100).notNullable();
    table.double('amount').notNullable();
    table.string('currency', 3).notNullable();
    table.primary(['source', 'id']);
    table.index(['entity_ref', 'period_start'], 'sd_costs_entity_period_idx');
  });

  await knex.schema.createTable('sd_capacity', table => {
    table.comment('Usage samples of declared capacity resources');
    table.string('entity_ref', 255).notNullable();
    table.string('resource', 100).notNullable();
    table.bigInteger('at').notNullable();
    table.double('used').notNullable();
    table.double('capacity').nullable();
    table.string('source', 64).notNullable();
    table.primary(['entity_ref', 'resource', 'at']);
  });

  await knex.schema.createTable('sd_dr_tests', table => {
    table.comment('Disaster-recovery tests and their achieved recovery times');
    table.string('source', 64).notNullable();
    table.string('id', 200).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.bigInteger('performed_at').notNullable();
    table.string('result', 16).notNullable();
    table.integer('achieved_rto').nullable().comment('seconds');
    table.integer('achieved_rpo').nullable().comment('seconds');
    table.text('notes').nullable();
    table.primary(['source', 'id']);
    table.index(
      ['entity_ref', 'performed_at'],
      'sd_dr_tests_entity_performed_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sd_dr_tests');
  await knex.schema.dropTable('sd_capacity');
  await knex.schema.dropTable('sd_costs');
  await knex.schema.dropTable('sd_sli');
  await knex.schema.dropTable('sd_incidents');
};
