import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { canonicalEntityRef } from '@service-delivery/plugin-service-delivery-common';
import { useMemo } from 'react';
import { useLocation } from 'react-router-dom';
import { serviceDeliveryApiRef } from './api';
import { withPortfolioContent } from './portfolioContentLoader';
import { holdsPortfolio } from './portfolioPredicate';

/**
 * Where the app mounts the portfolio tab.
 *
 * @public
 */
export interface PortfolioPreloadProps {
  /** the portfolio tab's path under the entity page, as the app's entity page mounts it */
  tabPath?: string;
}

type EntityPath = (entity: {
  namespace: string;
  kind: string;
  name: string;
}) => string;

/** The entity page's path of an entity; undefined in an app without entity pages. */
function useEntityPath(): EntityPath | undefined {
  try {
    return useRouteRef(entityRouteRef);
  } catch {
    return undefined;
  }
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function decodedPath(path: string): string | undefined {
  const segments = path.split('/').map(decoded);
  return segments.every(s => s !== undefined) ? segments.join('/') : undefined;
}

/**
 * The group, system or domain whose portfolio tab `pathname` shows, when it shows one: its last
 * four segments name an entity and the tab (`…/default/group/payments/service-delivery`), and the
 * app's entity page of that entity is at the path before the tab's (the app's base path aside).
 */
export function portfolioOfPath(
  pathname: string,
  tabPath: string,
  entityPath: EntityPath,
): { kind: string; entityRef: string } | undefined {
  const tab = tabPath.replace(/^\/+|\/+$/g, '');
  const segments = pathname.replace(/\/+$/, '').split('/');
  if (segments.length < 5 || segments[segments.length - 1] !== tab) {
    return undefined;
  }
  const [namespace, kind, name] = segments.slice(-4, -1).map(decoded);
  if (!namespace || !kind || !name) return undefined;
  if (!holdsPortfolio(kind)) return undefined;
  // compared decoded, whether or not the app's route encodes the names
  const page = decodedPath(entityPath({ namespace, kind, name }));
  const shown = decodedPath(segments.slice(0, -1).join('/'));
  if (!page || !shown || !page.endsWith(shown)) return undefined;
  return {
    kind,
    entityRef: canonicalEntityRef(`${kind}:${namespace}/${name}`),
  };
}

/**
 * Starts the portfolio tab's requests when the URL names the tab (see PortfolioPreload), given the
 * app's entity page paths (undefined: the app has none).
 */
export function usePortfolioPreload(
  entityPath: EntityPath | undefined,
  tabPath: string = 'service-delivery',
): void {
  const { pathname, search } = useLocation();
  const api = useApi(serviceDeliveryApiRef);
  // while rendering, not in an effect, which would run only after the page's first paint; once
  // as the tab is opened: a new filter, sort or page on it is the tab's own request
  useMemo(() => {
    if (!entityPath) return;
    const portfolio = portfolioOfPath(pathname, tabPath, entityPath);
    if (!portfolio) return;
    withPortfolioContent(module =>
      module.preloadPortfolio(
        api,
        portfolio.kind,
        portfolio.entityRef,
        new URLSearchParams(search),
      ),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, pathname, tabPath]);
}

/**
 * Starts the portfolio tab's requests as soon as the URL names the tab, rendered once at the app's
 * root: the tab itself renders only once the entity page has its entity, and a link or a reload
 * that opens the tab would otherwise wait for the entity before asking for the figures. What it
 * asks is what the tab asks first, shared with the tab's own requests; it renders nothing.
 */
export function PortfolioPreload(props: PortfolioPreloadProps) {
  usePortfolioPreload(useEntityPath(), props.tabPath);
  return null;
}
