import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { CostRange } from '../../../api';
import { CsvExportButton } from '../CsvExportButton';

/** @public */
export interface FocusExportButtonsProps {
  /** the months exported; the last twelve by default */
  range?: CostRange;
}

/**
 * Downloads the entity's costs (a portfolio's: its parts') as FOCUS CSV, for finance tools: showback
 * charges each cost to the entity's owner, chargeback splits it by the declared chargeback shares.
 *
 * @public
 */
export function FocusExportButtons(props: FocusExportButtonsProps) {
  const { entity } = useEntity();
  const entityRef = getCompoundEntityRef(entity);
  const range = props.range ?? {};
  const name = entity.metadata.name;
  return (
    <Box display="flex" gridGap={8} flexWrap="wrap">
      {(['showback', 'chargeback'] as const).map(view => (
        <CsvExportButton
          key={view}
          label={`FOCUS ${view}`}
          filename={`${name}-costs-${view}.csv`}
          load={api => api.getCostFocusCsv(entityRef, { ...range, view })}
        />
      ))}
    </Box>
  );
}
