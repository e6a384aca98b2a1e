import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { ChangeEvent } from 'react';
import { useReadableStyles } from '../../../contrast';

const choices = [
  { growth: 1, label: 'As measured' },
  { growth: 1.1, label: '+10 %' },
  { growth: 1.25, label: '+25 %' },
  { growth: 1.5, label: '+50 %' },
  { growth: 2, label: 'Twice the demand' },
  { growth: 3, label: 'Three times the demand' },
];

/** @public */
export interface DemandGrowthPickerProps {
  growth: number;
  onChange: (growth: number) => void;
}

/**
 * What-if modelling: the factor the backend scales demand by before it projects the crossings.
 *
 * @public
 */
export function DemandGrowthPicker(props: DemandGrowthPickerProps) {
  const readable = useReadableStyles();
  const { growth, onChange } = props;
  const options = choices.some(c => c.growth === growth)
    ? choices
    : [...choices, { growth, label: `× ${growth}` }];
  return (
    <TextField
      select
      label="What if demand grows"
      variant="outlined"
      size="small"
      value={String(growth)}
      onChange={(event: ChangeEvent<{ value: unknown }>) =>
        onChange(Number(event.target.value))
      }
      InputLabelProps={{ shrink: true, className: readable.secondaryText }}
      style={{ minWidth: 220 }}
    >
      {options.map(option => (
        <MenuItem key={option.growth} value={String(option.growth)}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
