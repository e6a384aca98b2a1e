import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  AgreementResult,
  BurnAttributionLine,
  ObjectiveResult,
  attributedShareText,
  burnAttributionSentence,
} from '@service-delivery/plugin-service-delivery-common';
import { formatBudgetAmount } from '../../../format';

/** How many dependency lines an objective shows; the route answers all of them. */
const LINES_SHOWN = 3;

/** @public */
export interface BurnAttributionListProps {
  objectives: ObjectiveResult[];
  /** the agreement's period label: `2026-10`, `2026-Q4`, `rolling-28d` */
  period: AgreementResult['period'];
  /** whether the period is still running */
  current: boolean;
}

/** "this month's" while the month runs, "the 2026-10" once it is over. */
function budgetWords(label: string, current: boolean): string {
  if (!current) return `the ${label}`;
  if (/^\d{4}-\d{2}$/.test(label)) return "this month's";
  if (/^\d{4}-Q\d$/.test(label)) return "this quarter's";
  return "this period's";
}

function amountText(
  line: Pick<BurnAttributionLine, 'seconds' | 'events'>,
): string {
  if (line.seconds !== undefined) {
    return formatBudgetAmount(line.seconds, 'seconds');
  }
  if (!line.events) return '';
  const { low, high } = line.events;
  return low === high
    ? formatBudgetAmount(low, 'events')
    : `between ${formatBudgetAmount(low, 'events').replace(
        / events?$/,
        '',
      )} and ${formatBudgetAmount(high, 'events')}`;
}

/**
 * Under an agreement's objectives: for each objective that consumed budget, how much of it burned while
 * a dependency (or a whole redundancy group) was out, and how much while none was.
 *
 * @public
 */
export function BurnAttributionList(props: BurnAttributionListProps) {
  const budget = budgetWords(props.period, props.current);
  const objectives = props.objectives.filter(
    o => o.burnAttribution && o.burnAttribution.unexplained.share !== null,
  );
  if (objectives.length === 0) return null;
  return (
    <Box
      component="section"
      aria-label="Budget burned during dependency outages"
    >
      <Typography variant="h6">
        Budget burned during dependency outages
      </Typography>
      <Typography variant="caption" color="textSecondary" paragraph>
        A moment during which several dependencies were out counts for each of
        them.
      </Typography>
      {objectives.map(objective => {
        const attribution = objective.burnAttribution!;
        const { unexplained } = attribution;
        return (
          <Box key={objective.name} mb={1} data-objective={objective.name}>
            <Typography variant="subtitle2" component="div">
              {objective.name}
            </Typography>
            <ul>
              {attribution.dependencies.slice(0, LINES_SHOWN).map(line => (
                <li key={line.entityRef ?? line.group!.join(',')}>
                  <Typography variant="body2" component="span">
                    {burnAttributionSentence({
                      line,
                      share: line.share!,
                      budget,
                    })}
                  </Typography>{' '}
                  <Typography variant="caption" color="textSecondary">
                    ({amountText(line)})
                  </Typography>
                </li>
              ))}
              {attribution.dependencies.length === 0 && (
                <li>
                  <Typography variant="body2" component="span">
                    None of {budget} budget burned during a dependency's outage
                  </Typography>
                </li>
              )}
              <li>
                <Typography variant="body2" component="span">
                  {attributedShareText(unexplained.share!)} burned while no
                  dependency was out
                </Typography>{' '}
                <Typography variant="caption" color="textSecondary">
                  ({amountText(unexplained)})
                </Typography>
              </li>
            </ul>
            {!attribution.exact && (
              <Typography variant="caption" color="textSecondary">
                Bounds: some measurement buckets only partly overlapped an
                outage.
              </Typography>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
