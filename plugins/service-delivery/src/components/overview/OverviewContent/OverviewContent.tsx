import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import PrintIcon from '@material-ui/icons/Print';
import { canonicalEntityRef } from '@service-delivery/plugin-service-delivery-common';
import { ReactNode, Suspense, lazy, useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { queryParams, serviceDeliveryApiRef } from '../../../api';
import { PORTFOLIO_TIMEZONE, formatInstant } from '../../../dates';
import { slaReportRouteRef } from '../../../routes';
import { CsvExportButton } from '../../shared/CsvExportButton';
import { FindingsList } from '../FindingsList';
import { OverviewFilterBar } from '../OverviewFilterBar';
import { OverviewKpis } from '../OverviewKpis';
import { OverviewTable } from '../OverviewTable';
import { PeriodPicker } from '../../shared/PeriodPicker';
import { PortfolioRollupCard } from '../PortfolioRollupCard';
import { TabHeader } from '../../shared/TabHeader';
import {
  ListFilter,
  OverviewScope,
  useOverviewRequest,
  useOverviewView,
} from './useOverviewQuery';
import { useFocusRingStyles } from '../../../focus';
import { useTableTextStyles } from '../../../tableText';
import { BelowFirstView, FirstViewShown } from '../../../usePaintedOnce';
import { answerOf } from '../../../useRequest';

export type { OverviewScope } from './useOverviewQuery';

// the charts (recharts) are below the first view, and loaded apart from it
const OverviewCharts = lazy(() =>
  import('../OverviewCharts').then(m => ({ default: m.OverviewCharts })),
);

/** @public */
export interface OverviewContentProps {
  /** fixed filters: the entity whose portfolio this is */
  scope?: OverviewScope;
  /** show the roll-ups of a portfolio */
  rollup?: boolean;
  /** cards under the findings, shown like them in the frame after the figures */
  below?: ReactNode;
  /** more controls in the header, after the overview's own exports */
  actions?: ReactNode;
}

/** The report page's path, or undefined in an app that does not mount the overview page. */
function useReportPath(): (() => string) | undefined {
  try {
    return useRouteRef(slaReportRouteRef);
  } catch {
    return undefined;
  }
}

/** The signed-in user's ownership references (their own and their groups'). */
function useMyTeams(): string[] {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return identity.ownershipEntityRefs.map(ref => canonicalEntityRef(ref));
  }, [identityApi]);
  return value ?? [];
}

/**
 * The Service Delivery overview of every service, or of a portfolio: KPI tiles, the filter bar,
 * charts, a sortable and paged table, the findings, CSV export and the SLA report. Filters, sort and
 * page live in the URL; every figure is computed by the backend, page by page.
 *
 * @public
 */
export function OverviewContent(props: OverviewContentProps) {
  const focus = useFocusRingStyles();
  const tableText = useTableTextStyles();
  const { scope = {}, rollup = false } = props;
  const api = useApi(serviceDeliveryApiRef);
  const { view, setFilters, setSort, setPage, filters, query } =
    useOverviewView(scope);
  // asked while the tab renders, not once the page around it has been committed; the findings
  // below are asked for at the same moment, not when the list renders after the header's controls
  const request = useOverviewRequest(api, filters, query);
  const myTeams = useMyTeams();
  const reportPath = useReportPath();

  // the previous page stays on screen while the next one loads; an answer that came before the
  // first render (asked for by the portfolio tab) is drawn at once
  const [data, setData] = useState(() => answerOf(request)?.value);
  const [error, setError] = useState(() => answerOf(request)?.error);
  const [loading, setLoading] = useState(() => !answerOf(request));
  useEffect(() => {
    let current = true;
    // an answer already in is set below as it is, without the loading bar in between
    if (!answerOf(request)) setLoading(true);
    request.then(
      response => {
        if (!current) return;
        setData(response);
        setError(undefined);
        setLoading(false);
      },
      failure => {
        if (!current) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [request]);

  const fixed = Object.keys(scope) as ListFilter[];
  const reportSearch = new URLSearchParams(
    queryParams({ ...filters }) as Record<string, string>,
  ).toString();

  const filtersAndTable = data && (
    <Grid item xs={12}>
      <Paper variant="outlined">
        <Box p={2}>
          <OverviewFilterBar
            facets={data.facets}
            filters={filters}
            onChange={setFilters}
            fixed={fixed}
            myTeams={myTeams}
          />
        </Box>
        {loading ? <LinearProgress /> : <Box height={4} />}
        <OverviewTable
          rows={data.rows}
          total={data.total}
          page={view.page}
          pageSize={view.pageSize}
          sort={view.sort}
          order={view.order}
          costVisible={data.costVisible}
          onSort={setSort}
          onPage={setPage}
        />
      </Paper>
    </Grid>
  );

  return (
    <FirstViewShown.Provider value={Boolean(data || error)}>
      <Grid
        container
        spacing={3}
        className={`${focus.controls} ${tableText.words}`}
      >
        <Grid item xs={12}>
          <TabHeader
            subtitle={
              data?.computedAt
                ? `Figures as of ${formatInstant(
                    data.computedAt,
                    PORTFOLIO_TIMEZONE,
                  )}`
                : 'Figures are being computed'
            }
            actions={
              <Box
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                gridGap={12}
              >
                <PeriodPicker
                  value={view.filters.period}
                  onChange={period => setFilters({ period })}
                />
                <CsvExportButton
                  of="overview"
                  query={{ ...filters, sort: view.sort, order: view.order }}
                  filename={`service-delivery-overview${
                    filters.period ? `-${filters.period}` : ''
                  }.csv`}
                />
                {reportPath && (
                  <Button
                    variant="outlined"
                    startIcon={<PrintIcon />}
                    component={RouterLink}
                    to={`${reportPath()}${
                      reportSearch ? `?${reportSearch}` : ''
                    }`}
                  >
                    SLA report
                  </Button>
                )}
                {props.actions}
              </Box>
            }
          />
        </Grid>

        {error && (
          <Grid item xs={12}>
            <ResponseErrorPanel error={error} />
          </Grid>
        )}
        {!data && !error && (
          <Grid item xs={12}>
            <Progress />
          </Grid>
        )}

        {data && (
          <>
            <Grid item xs={12}>
              <OverviewKpis kpis={data.kpis} />
            </Grid>
            {rollup && (
              <Grid item xs={12}>
                <PortfolioRollupCard rollup={data.rollup} />
              </Grid>
            )}
            {rollup ? (
              // a portfolio's roll-up fills the first view above them (1,440 × 900): the filters
              // and the table, two thirds of what the tab draws, come in the frame after it
              <BelowFirstView>{filtersAndTable}</BelowFirstView>
            ) : (
              filtersAndTable
            )}
            <Grid item xs={12}>
              {/* below the first view: drawn in the frames after the table */}
              <BelowFirstView>
                <Suspense fallback={null}>
                  <OverviewCharts charts={data.charts} />
                </Suspense>
              </BelowFirstView>
            </Grid>
          </>
        )}
        {/* the findings are asked for beside the overview, not once it has come, and shown in
          the frame after its figures */}
        <Grid item xs={12}>
          <FindingsList filters={filters} />
        </Grid>
        {props.below && (
          <Grid item xs={12}>
            {props.below}
          </Grid>
        )}
      </Grid>
    </FirstViewShown.Provider>
  );
}
