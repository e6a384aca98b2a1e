import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { ChangeEvent, useMemo } from 'react';
import { periodOptions } from './periodOptions';
import { useReadableStyles } from '../../../contrast';

/** @public */
export interface PeriodPickerProps {
  /** `YYYY-MM`, `YYYY-Qn`, `rolling-28d`, `rolling-30d`; undefined for the current period. */
  value: string | undefined;
  onChange: (period: string | undefined) => void;
  /** The reference date the choices are built from; now when omitted. */
  now?: Date;
}

/** @public */
export function PeriodPicker(props: PeriodPickerProps) {
  const readable = useReadableStyles();
  const { value, onChange, now } = props;
  const options = useMemo(() => {
    const choices = periodOptions(now);
    // A shared link may name a period older than the list goes back.
    if (value && !choices.some(choice => choice.value === value)) {
      choices.push({ value, label: value });
    }
    return choices;
  }, [now, value]);

  return (
    <TextField
      select
      label="Period"
      variant="outlined"
      size="small"
      value={value ?? ''}
      onChange={(event: ChangeEvent<{ value: unknown }>) =>
        onChange((event.target.value as string) || undefined)
      }
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true, className: readable.secondaryText }}
      style={{ minWidth: 200 }}
    >
      {options.map(option => (
        <MenuItem key={option.value || 'current'} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
