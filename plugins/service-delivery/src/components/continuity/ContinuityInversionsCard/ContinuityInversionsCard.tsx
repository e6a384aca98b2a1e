import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ContinuityInversion } from '@service-delivery/plugin-service-delivery-common';
import { Fragment } from 'react';
import { formatSeconds } from '../../../format';

/** @public */
export interface ContinuityInversionsCardProps {
  inversions: ContinuityInversion[];
  /** The service's RTO in force and tier, for the explanation. */
  rto: number | null;
  tier: string | null;
}

/**
 * The dependencies that recover more slowly than the service must, or sit in a lower tier: while they
 * do, the service's recovery objectives cannot be met.
 *
 * @public
 */
export function ContinuityInversionsCard(props: ContinuityInversionsCardProps) {
  const { inversions, rto, tier } = props;
  return (
    <InfoCard
      title="Continuity inversions"
      subheader={`Dependencies that cannot recover within this service's ${
        rto === null ? 'RTO' : `RTO of ${formatSeconds(rto)}`
      }${tier ? ` or sit below ${tier}` : ''}`}
    >
      {inversions.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          None: everything this service needs recovers at least as fast and sits
          in at least the same tier.
        </Typography>
      ) : (
        <Table size="small" aria-label="Continuity inversions">
          <TableHead>
            <TableRow>
              <TableCell>Dependency</TableCell>
              <TableCell>Why</TableCell>
              <TableCell>Through</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {inversions.map(inversion => (
              <TableRow key={inversion.entityRef}>
                <TableCell>
                  <EntityRefLink entityRef={inversion.entityRef} />
                </TableCell>
                <TableCell>
                  {inversion.reasons.includes('rto') && (
                    <Typography variant="body2">
                      RTO {formatSeconds(inversion.rto)}
                    </Typography>
                  )}
                  {inversion.reasons.includes('tier') && (
                    <Typography variant="body2">{inversion.tier}</Typography>
                  )}
                </TableCell>
                <TableCell>
                  {inversion.path.length <= 2 ? (
                    <Typography variant="body2" color="textSecondary">
                      direct
                    </Typography>
                  ) : (
                    <Box display="flex" flexWrap="wrap" gridGap={4}>
                      {inversion.path.slice(1, -1).map((ref, index) => (
                        <Fragment key={ref}>
                          {index > 0 && <span>→</span>}
                          <EntityRefLink entityRef={ref} />
                        </Fragment>
                      ))}
                    </Box>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
