import { Link } from '@backstage/core-components';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  OverviewResponse,
  OverviewRow,
} from '@service-delivery/plugin-service-delivery-common';
import useAsync from 'react-use/esm/useAsync';
import { serviceDeliveryApiRef } from '../../../api';
import { readmeSections, readmeSectionUrl } from '../../../docs';
import { formatCount, formatShare } from '../../../format';
import { rootRouteRef } from '../../../routes';
import { ResourceView } from '../../shared/ResourceView';
import { StatusChip } from '../../shared/StatusChip';
import { useFocusRingStyles } from '../../../focus';
import { useTableTextStyles } from '../../../tableText';

/** @public */
export interface MyServicesCardProps {
  /** How many services the card lists, worst status first (default 5). */
  limit?: number;
}

function Findings(props: { row: OverviewRow }) {
  const { critical, high, medium, low } = props.row.findings;
  const urgent = critical + high;
  const all = urgent + medium + low;
  const text =
    urgent > 0
      ? `${formatCount(all)} (${urgent} critical or high)`
      : formatCount(all);
  const to = props.row.links.overview;
  return to && all > 0 ? <Link to={to}>{text}</Link> : <>{text}</>;
}

function ServicesTable(props: { value: OverviewResponse; owners: string[] }) {
  const { value, owners } = props;
  const overviewLink = useRouteRef(rootRouteRef)();
  if (value.total === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        None of your teams' services declares service delivery metadata. How to
        declare it under <code>spec.serviceDelivery</code>:{' '}
        <Link to={readmeSectionUrl('declaring')}>
          {readmeSections.declaring.label}
        </Link>
      </Typography>
    );
  }
  return (
    <>
      <Table size="small" aria-label="My services">
        <TableHead>
          <TableRow>
            <TableCell>Service</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Error budget left</TableCell>
            <TableCell align="right">Findings</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.rows.map(row => (
            <TableRow key={row.entityRef}>
              <TableCell>
                <Link to={row.links.sla ?? row.links.overview ?? '#'}>
                  {row.title ?? row.name}
                </Link>
              </TableCell>
              <TableCell>
                <StatusChip status={row.status} />
              </TableCell>
              <TableCell align="right">
                {formatShare(row.serviceLevel?.budgetRemainingShare)}
              </TableCell>
              <TableCell align="right">
                <Findings row={row} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="body2" style={{ marginTop: 8 }}>
        <Link
          to={`${overviewLink}?${new URLSearchParams({
            owner: owners.join(','),
          })}`}
        >
          {value.total > value.rows.length
            ? `All ${formatCount(value.total)} of your teams' services`
            : "Your teams' services in the overview"}
        </Link>
      </Typography>
    </>
  );
}

/**
 * The services the signed-in user's teams own (and the user themself), worst status first: their
 * status, error budget left and findings, from the overview.
 *
 * @public
 */
export function MyServicesCard(props: MyServicesCardProps) {
  const focus = useFocusRingStyles();
  const tableText = useTableTextStyles();
  const { limit = 5 } = props;
  const api = useApi(serviceDeliveryApiRef);
  const identityApi = useApi(identityApiRef);
  const resource = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const overview = await api.getOverview({
      owner: ownershipEntityRefs,
      sort: 'status',
      order: 'desc',
      limit,
    });
    return { overview, owners: ownershipEntityRefs };
  }, [api, identityApi, limit]);
  return (
    <div className={`${focus.controls} ${tableText.words}`}>
      <ResourceView resource={resource}>
        {value => (
          <ServicesTable value={value.overview} owners={value.owners} />
        )}
      </ResourceView>
    </div>
  );
}
