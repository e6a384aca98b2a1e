import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Suspense, lazy, useMemo } from 'react';
import { canonicalEntityRef } from '@service-delivery/plugin-service-delivery-common';
import { CostCoverageCard } from '../CostCoverageCard';
import { requestCostCoverage } from '../CostCoverageCard/CostCoverageCard';
import { requestFindings } from '../FindingsList/FindingsList';
import { FocusExportButtons } from '../../shared/FocusExportButtons';
import { OverviewContent } from '../OverviewContent';
import {
  OverviewScope,
  overviewViewOf,
  pageQuery,
  requestOverview,
  scopedFilters,
  useOverviewView,
} from '../OverviewContent/useOverviewQuery';
import { useFocusRingStyles } from '../../../focus';
import {
  OverviewFilters,
  OverviewQuery,
  ServiceDeliveryApi,
  serviceDeliveryApiRef,
} from '../../../api';

/** What each kind of entity holds: a group owns, a system and a domain contain. */
export function portfolioScope(
  kind: string,
  entityRef: string,
): OverviewScope | undefined {
  switch (kind.toLocaleLowerCase('en-US')) {
    case 'group':
      return { owner: [entityRef] };
    case 'system':
      return { system: [entityRef] };
    case 'domain':
      return { domain: [entityRef] };
    default:
      return undefined;
  }
}

/**
 * Asks for the tab's first view — the overview's page, its findings and the cost coverage card
 * under them; later pages, sorts and filters are the overview's own requests.
 */
function requestFirstView(
  api: ServiceDeliveryApi,
  scope: OverviewScope,
  filters: OverviewFilters,
  query: OverviewQuery,
) {
  requestOverview(api, query);
  requestFindings(api, filters);
  requestCostCoverage(api, scope);
}

/**
 * Asks for the first view of the portfolio tab of the entity `entityRef` of `kind`, as the tab asks
 * for it under the URL's search `params`: from the URL alone, before the entity page has its
 * entity (see PortfolioPreload). The tab's own requests of the same reads share these.
 */
export function preloadPortfolio(
  api: ServiceDeliveryApi,
  kind: string,
  entityRef: string,
  params: URLSearchParams,
): void {
  const scope = portfolioScope(kind, entityRef);
  if (!scope) return;
  const view = overviewViewOf(params);
  const filters = scopedFilters(view.filters, scope);
  requestFirstView(api, scope, filters, pageQuery(filters, view));
}

/**
 * The tab's figures, drawn in a pass after the one that asked for them: the entity page renders
 * `PortfolioContent` in its own first pass (see portfolioContentModule), which starts the requests
 * at once, and leaves the drawing to the next pass, so that the page's first pass stays as light as
 * it was and the answers, often in by then, are drawn without a loading frame.
 */
function PortfolioFigures(props: { scope: OverviewScope }) {
  const focus = useFocusRingStyles();
  return (
    <div className={focus.controls}>
      {/* the coverage is asked for beside the overview and shown after its figures */}
      <OverviewContent
        scope={props.scope}
        rollup
        actions={<FocusExportButtons />}
        below={<CostCoverageCard scope={props.scope} />}
      />
    </div>
  );
}

// a lazy component given a Promise renders in a later pass than its parent's, even when settled
const FiguresInNextPass = lazy(() =>
  Promise.resolve({ default: PortfolioFigures }),
);

/**
 * The Service Delivery tab of a Group, System or Domain: the overview scoped to the services the
 * group owns (its sub-groups' included), the system's components and resources, or the domain's
 * systems' — with the portfolio's roll-ups.
 *
 * @public
 */
export function PortfolioContent() {
  const { entity } = useEntity();
  const entityRef = canonicalEntityRef(stringifyEntityRef(entity));
  const scope = portfolioScope(entity.kind, entityRef);
  const api = useApi(serviceDeliveryApiRef);
  const scopeKey = JSON.stringify(scope);
  // the tab's first view is asked for now, not once the figures render below
  const { filters, query } = useOverviewView(scope);
  useMemo(() => {
    if (!scopeKey) return;
    requestFirstView(api, JSON.parse(scopeKey), filters, query);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, scopeKey]);
  if (!scope) {
    return (
      <EmptyState
        missing="content"
        title="No portfolio"
        description="A portfolio is what a Group owns, or what a System or Domain contains."
      />
    );
  }
  return (
    <Suspense fallback={<Progress />}>
      <FiguresInNextPass scope={scope} />
    </Suspense>
  );
}
