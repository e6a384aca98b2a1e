const assert = require('assert/strict');
const { card, exactly } = require('../lib/page');
const { api, pagePath } = require('./checks');

module.exports = {
  name: 'Metadata problems',
  tests: [
    {
      name: 'an entity with invalid service-delivery metadata shows the problems panel',
      async run(t) {
        // Find an example whose metadata has problems, by asking the backend about every entity
        // that declares spec.serviceDelivery.
        const { items } = await t.api.get(
          '/api/catalog/entities/by-query?filter=kind=component&filter=kind=system&filter=kind=resource&fields=kind,metadata.namespace,metadata.name,spec.serviceDelivery&limit=1000',
        );
        let found;
        for (const entity of items.filter(item => item.spec?.serviceDelivery)) {
          const ref = `${entity.kind.toLowerCase()}:${
            entity.metadata.namespace ?? 'default'
          }/${entity.metadata.name}`;
          const answer = await t.api.get(
            `${api}/entities/${ref.replace(':', '/')}`,
          );
          if (answer.problems.length > 0) {
            found = { ref, problems: answer.problems };
            break;
          }
        }
        // e2e/fixtures/invalid-metadata.yaml, registered by app-config.e2e.yaml, is such an entity
        assert.ok(
          found,
          `none of the ${items.length} catalog entities has invalid service-delivery metadata: is e2e/fixtures/invalid-metadata.yaml registered?`,
        );
        t.note(`${found.ref}: ${found.problems.length} problem(s)`);
        await t.open(pagePath(found.ref));
        const count = found.problems.length;
        const title = `The service delivery metadata has ${count} problem${
          count === 1 ? '' : 's'
        }`;
        // the warning panel: its title, then each problem's path (the production build minifies
        // the panel's class names, so it is found by what it says)
        await t.page.getByText(title).first().waitFor();
        for (const problem of found.problems) {
          await t.page.getByText(exactly(problem.path)).first().waitFor();
        }
        // The summary card says so too.
        await card(t.page, 'Service delivery')
          .getByText(`has ${count} problem`)
          .first()
          .waitFor();
        await t.screenshot('metadata-problems');
      },
    },
  ],
};
