// Burn attributed to dependencies: in the demo, customer-profile's breach this month fell mostly while
// its database, customer-db, was out. The SLA tab says which share of each objective's burned budget
// fell during which dependency's outages, as the API answers it.
const assert = require('assert/strict');
const { exactly, mui } = require('../lib/page');
const { openSlaTab } = require('./checks');

const SERVICE = 'component:default/customer-profile';
const CAUSE = 'resource:default/customer-db';

// as the SLA tab words a share: whole percent, bounds as "between … and …" unless they round alike
const pct = value => `${Math.round(value * 100)}%`;
function shareText(share) {
  if (typeof share === 'number') return pct(share);
  return pct(share.low) === pct(share.high)
    ? pct(share.low)
    : `between ${pct(share.low)} and ${pct(share.high)}`;
}

module.exports = {
  name: 'Burn attribution',
  tests: [
    {
      name: "customer-profile's SLA tab shows the share of each objective's burned budget per dependency, customer-db's among them, as the API answers it",
      async run(t) {
        const { page } = t;
        const sla = await openSlaTab(t, SERVICE);

        const attributed = sla.agreements.flatMap(agreement =>
          agreement.objectives
            .filter(
              o =>
                o.burnAttribution &&
                o.burnAttribution.unexplained.share !== null,
            )
            .map(objective => ({ agreement, objective })),
        );
        const caused = attributed.find(({ objective }) =>
          objective.burnAttribution.dependencies.some(
            line =>
              line.entityRef === CAUSE &&
              (typeof line.share === 'number' ? line.share : line.share.low) >
                0.5,
          ),
        );
        assert.ok(
          caused && caused.objective.status === 'breached',
          `no breached objective of ${SERVICE} burned more than half its budget during ${CAUSE}'s outages: ${JSON.stringify(
            attributed.map(({ objective }) => [
              objective.name,
              objective.status,
              objective.burnAttribution.dependencies,
            ]),
          )}`,
        );

        for (const { agreement, objective } of attributed) {
          const section = page
            .locator(mui('MuiCard-root'))
            .filter({
              has: page
                .locator(mui('MuiCardHeader-root'))
                .getByText(exactly(agreement.name)),
            })
            .getByRole('region', {
              name: 'Budget burned during dependency outages',
            })
            .locator(`[data-objective="${objective.name}"]`);
          const lines = (
            await section.first().getByRole('listitem').allInnerTexts()
          ).map(text => text.replace(/\s+/g, ' ').trim());
          const what = `${agreement.name} / ${objective.name}`;
          const { dependencies, unexplained } = objective.burnAttribution;
          for (const line of dependencies.slice(0, 3)) {
            const name = line.entityRef
              ? line.entityRef.split('/').pop()
              : `any of ${line.group
                  .map(ref => ref.split('/').pop())
                  .join(', ')}`;
            assert.ok(
              lines.some(
                text =>
                  text.startsWith(`${shareText(line.share)} of `) &&
                  text.includes(`budget burned during ${name} outages`),
              ),
              `${what}: no line "${shareText(
                line.share,
              )} of … budget burned during ${name} outages" among: ${lines.join(
                ' | ',
              )}`,
            );
          }
          assert.ok(
            lines.some(text =>
              text.startsWith(
                `${shareText(
                  unexplained.share,
                )} burned while no dependency was out`,
              ),
            ),
            `${what}: the unexplained share ${shareText(
              unexplained.share,
            )} is not shown among: ${lines.join(' | ')}`,
          );
        }
        // the agreement whose breach customer-db caused, with its objectives and their attribution
        await t.screenshot(
          'customer-profile-sla-attribution',
          page.locator(mui('MuiCard-root')).filter({
            has: page
              .locator(mui('MuiCardHeader-root'))
              .getByText(exactly(caused.agreement.name)),
          }),
        );
      },
    },
  ],
};
