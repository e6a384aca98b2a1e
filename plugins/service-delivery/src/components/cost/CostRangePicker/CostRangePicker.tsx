import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { ChangeEvent, useMemo } from 'react';
import { CostRange } from '../../../api';
import { useReadableStyles } from '../../../contrast';

/** @public */
export interface CostRangePickerProps {
  /** A choice's value; '' for the last twelve months. */
  value: string;
  onChange: (value: string) => void;
  /** The reference date the choices are built from; now when omitted. */
  now?: Date;
}

/** The months a choice of the picker asks the backend for. */
export function costRangeOf(value: string): CostRange {
  const [kind, argument] = value.split(':');
  if (kind === 'months') return { months: Number(argument) };
  if (kind === 'year') return { from: `${argument}-01`, to: `${argument}-12` };
  return {};
}

/**
 * The months the Cost tab shows: the last twelve or twenty-four, this calendar year or the one
 * before.
 *
 * @public
 */
export function CostRangePicker(props: CostRangePickerProps) {
  const readable = useReadableStyles();
  const { value, onChange, now } = props;
  const options = useMemo(() => {
    const year = (now ?? new Date()).getFullYear();
    return [
      { value: '', label: 'Last 12 months' },
      { value: 'months:24', label: 'Last 24 months' },
      { value: `year:${year}`, label: `${year}` },
      { value: `year:${year - 1}`, label: `${year - 1}` },
    ];
  }, [now]);
  return (
    <TextField
      select
      label="Months"
      variant="outlined"
      size="small"
      value={value}
      onChange={(event: ChangeEvent<{ value: unknown }>) =>
        onChange(event.target.value as string)
      }
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true, className: readable.secondaryText }}
      style={{ minWidth: 180 }}
    >
      {options.map(option => (
        <MenuItem key={option.value || 'last-12'} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
