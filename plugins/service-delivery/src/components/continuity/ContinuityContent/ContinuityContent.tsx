import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  ContinuityResponse,
  CostHiddenFlag,
} from '@service-delivery/plugin-service-delivery-common';
import { formatMoney, formatPercent, formatSeconds } from '../../../format';
import { formatDay } from '../../../dates';
import {
  declaredTimezone,
  isBlastRadiusAvailable,
  isContinuityAvailable,
} from '../../../predicates';
import { BlastRadiusCard } from '../BlastRadiusCard';
import { ContinuityChecksCard } from '../ContinuityChecksCard';
import { ContinuityInversionsCard } from '../ContinuityInversionsCard';
import { DeclareMetadataEmptyState } from '../../shared/DeclareMetadataEmptyState';
import { DrTestHistoryTable } from '../DrTestHistoryTable';
import { EmptyStateGuide } from '../../shared/EmptyStateGuide';
import {
  drTestRecord,
  ingestCall,
  lastWholeHourBefore,
} from '../../../ingestExamples';
import { KpiTileRow } from '../../shared/KpiTile';
import { RecoveryObjectivesCard } from '../RecoveryObjectivesCard';
import { RecoveryStrategyCard } from '../RecoveryStrategyCard';
import {
  ResourceView,
  useServiceDeliveryResource,
} from '../../shared/ResourceView';
import { RiskMatrix } from '../RiskMatrix';
import { TabHeader } from '../../shared/TabHeader';
import { ServiceDeliveryProblemsCard } from '../../cards/ServiceDeliveryProblemsCard';
import { useReadableStyles } from '../../../contrast';
import { useFocusRingStyles } from '../../../focus';
import { useTableTextStyles } from '../../../tableText';

export const continuityExample = `spec:
  serviceDelivery:
    tier: tier-1                  # the tier's policy fills in what is not declared
    continuity:
      rto: 1h
      rpo: 15m
      strategy: hot-standby       # hot-standby | warm-standby | cold-standby | backup-restore | manual-workaround | none
      plan: https://example.com/dr/payments
      testEvery: 6mo
      sites: [eu-west-1, eu-central-1]
      businessImpact: { costPerHour: 120000, currency: EUR }
      risks:
        - { threat: regional-outage, likelihood: low, impact: high, mitigation: 'second region' }
`;

const resultLabels = {
  passed: 'passed',
  partial: 'partly passed',
  failed: 'failed',
};

function OverdueWarning(props: {
  value: ContinuityResponse;
  timezone: string;
}) {
  const { value, timezone } = props;
  if (!value.testOverdue) return null;
  return (
    <Grid item xs={12}>
      <Alert severity="error">
        <AlertTitle>
          {value.testState === 'never-tested'
            ? 'The recovery plan has never been tested'
            : 'The DR test is overdue'}
        </AlertTitle>
        {value.testState === 'never-tested'
          ? 'Nobody knows whether the service can be recovered. Schedule a DR test.'
          : `It fell due on ${formatDay(
              value.testDueAt,
              timezone,
            )}: the plan must be tested every ${formatSeconds(
              value.testEvery,
            )} and was last tested on ${formatDay(
              value.lastTest?.performedAt,
              timezone,
            )}.`}
      </Alert>
    </Grid>
  );
}

/** How the expected annual loss was estimated, or why it is not shown. */
function lossCaption(
  value: ContinuityResponse & CostHiddenFlag,
): string | undefined {
  if (value.costHidden) return 'needs the cost permission';
  const loss = value.expectedAnnualLoss;
  if (!loss) return undefined;
  return `at ${formatPercent(loss.availability, 4)} ${
    loss.basis === 'measured' ? 'measured' : 'target'
  }`;
}

function KpiTiles(props: {
  value: ContinuityResponse & CostHiddenFlag;
  timezone: string;
}) {
  const { value, timezone } = props;
  const fromTier = (source: string | null) =>
    source === 'policy' ? `from ${value.tier}` : 'declared';
  const tiles = [
    {
      label: 'Tier',
      value: value.tier ?? '—',
      caption: value.policy
        ? `availability ${formatPercent(value.policy.availability)}`
        : 'no tier policy',
    },
    {
      label: 'RTO',
      value: formatSeconds(value.rto),
      caption:
        value.rto === null ? 'not set' : fromTier(value.objectives.rto.source),
      description: 'Recovery time objective: how long recovery may take',
    },
    {
      label: 'RPO',
      value: formatSeconds(value.rpo),
      caption:
        value.rpo === null ? 'not set' : fromTier(value.objectives.rpo.source),
      description: 'Recovery point objective: how much data may be lost',
    },
    {
      label: 'Last DR test',
      value: value.lastTest
        ? formatDay(value.lastTest.performedAt, timezone)
        : 'Never',
      caption: value.lastTest
        ? `${resultLabels[value.lastTest.result]}${
            value.testDueAt
              ? ` · due ${formatDay(value.testDueAt, timezone)}`
              : ''
          }`
        : undefined,
    },
    {
      label: 'Expected annual loss',
      value: value.costHidden
        ? 'Hidden'
        : formatMoney(value.expectedAnnualLoss),
      caption: lossCaption(value),
      description:
        '(1 − availability) × 8,760 hours × the cost of an hour of outage',
    },
  ];
  return <KpiTileRow tiles={tiles} />;
}

function ContinuityFigures(props: {
  value: ContinuityResponse;
  timezone: string;
}) {
  const { value, timezone } = props;
  return (
    <Grid container spacing={3}>
      <OverdueWarning value={value} timezone={timezone} />
      <Grid item xs={12}>
        <KpiTiles value={value} timezone={timezone} />
      </Grid>
      <Grid item xs={12} md={6}>
        <RecoveryObjectivesCard value={value} />
      </Grid>
      <Grid item xs={12} md={6}>
        <RecoveryStrategyCard value={value} />
      </Grid>
      <Grid item xs={12}>
        <ContinuityChecksCard
          checks={value.checks}
          entityRef={value.entityRef}
        />
      </Grid>
      <Grid item xs={12}>
        {value.drTests.length === 0 ? (
          <EmptyStateGuide
            title="No DR tests recorded"
            explanation={
              <>
                Whether the plan works, and whether recovery meets the RTO and
                RPO, is known only from DR tests. None are recorded for this
                service. After each test, send its result and the recovery time
                and data loss it achieved:
              </>
            }
            code={ingestCall('dr-tests', [
              drTestRecord(
                value.entityRef,
                lastWholeHourBefore(new Date().toISOString()),
              ),
            ])}
            language="bash"
            readme="ingest"
          />
        ) : (
          <DrTestHistoryTable
            tests={value.drTests}
            rto={value.rto}
            rpo={value.rpo}
            timezone={timezone}
          />
        )}
      </Grid>
      <Grid item xs={12} md={6}>
        <RiskMatrix risks={value.risks} />
      </Grid>
      <Grid item xs={12} md={6}>
        <ContinuityInversionsCard
          inversions={value.inversions}
          rto={value.rto}
          tier={value.tier}
        />
      </Grid>
    </Grid>
  );
}

/**
 * The Continuity tab of an entity: recovery objectives against the tier policy, DR tests, strategy,
 * business impact, risks and inversions for entities that declare continuity; and for every
 * component, resource and system, what fails with it.
 *
 * @public
 */
export function ContinuityContent() {
  const focus = useFocusRingStyles();
  const tableText = useTableTextStyles();
  const readable = useReadableStyles();
  const { entity } = useEntity();
  const declared = isContinuityAvailable(entity);
  const blastRadius = isBlastRadiusAvailable(entity);
  const continuity = useServiceDeliveryResource(
    (api, entityRef) => api.getContinuity(entityRef),
    [],
    { declared },
  );

  return (
    <Grid
      container
      spacing={3}
      className={`${focus.controls} ${tableText.words}`}
    >
      <Grid item xs={12}>
        <TabHeader
          title="Continuity"
          subtitle="Whether the service can be recovered in time, and what fails with it"
        />
      </Grid>
      {declared && <ServiceDeliveryProblemsCard variant="gridItem" />}
      <Grid item xs={12}>
        <ResourceView
          resource={continuity}
          undeclared={
            blastRadius ? (
              <Typography variant="body2" className={readable.secondaryText}>
                This entity declares no continuity
                (spec.serviceDelivery.continuity): only what fails with it is
                shown.
              </Typography>
            ) : (
              <DeclareMetadataEmptyState
                title="No continuity declared"
                description="This entity declares no recovery objectives, strategy or business impact."
                example={continuityExample}
              />
            )
          }
        >
          {value => (
            <ContinuityFigures
              value={value}
              timezone={declaredTimezone(entity)}
            />
          )}
        </ResourceView>
      </Grid>
      {blastRadius && (
        <Grid item xs={12}>
          <BlastRadiusCard
            entityRef={continuity.entityRef}
            timezone={declaredTimezone(entity)}
          />
        </Grid>
      )}
    </Grid>
  );
}
