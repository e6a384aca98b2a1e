import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { readableFill } from '../../../contrast';

/**
 * The colour a state is drawn in, from the theme's palette: success (green), warning (amber),
 * error (red), severe (dark red), info (blue) or neutral (grey).
 *
 * @public
 */
export type StateTone =
  | 'success'
  | 'warning'
  | 'error'
  | 'severe'
  | 'info'
  | 'neutral';

const useStyles = makeStyles((theme: Theme) => {
  const filled = (color: string) => readableFill(theme, color);
  return {
    success: filled(theme.palette.success.main),
    warning: filled(theme.palette.warning.main),
    error: filled(theme.palette.error.main),
    severe: filled(theme.palette.error.dark),
    info: filled(theme.palette.info.main),
    neutral: filled(theme.palette.grey[500]),
  };
});

/**
 * Each state's label and colour.
 *
 * @public
 */
export type StateChipMapping<State extends string> = Record<
  State,
  { label: string; tone: StateTone }
>;

/** @public */
export interface StateChipProps<State extends string> {
  state: State;
  mapping: StateChipMapping<State>;
  /**
   * The name of the data attribute that carries the state (`status` writes `data-status`), which
   * tests and the e2e suite read; none when omitted.
   */
  attribute?: string;
  size?: 'small' | 'medium';
}

/**
 * A state as a filled chip: its label on its colour, darkened or lightened until the label reads.
 * A state the mapping lacks is shown as it is, uncoloured.
 *
 * @public
 */
export function StateChip<State extends string>(props: StateChipProps<State>) {
  const { state, mapping, attribute, size = 'small' } = props;
  const classes = useStyles();
  const entry: { label: string; tone: StateTone } | undefined = mapping[state];
  const data = attribute ? { [`data-${attribute}`]: state } : {};
  return (
    <Chip
      size={size}
      label={entry?.label ?? state}
      className={entry ? classes[entry.tone] : undefined}
      {...data}
    />
  );
}
