import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import {
  OverviewQuery,
  ServiceDeliveryApi,
  SlaReportQuery,
  serviceDeliveryApiRef,
} from '../../../api';

/** @public */
export type CsvExportButtonProps = {
  filename: string;
  label?: string;
} & (
  | { of: 'overview' | 'sla-report'; query: OverviewQuery | SlaReportQuery }
  | {
      /** another CSV of the API, such as an entity's costs as FOCUS */
      load: (api: ServiceDeliveryApi) => Promise<string>;
    }
);

/**
 * Downloads exactly what the query selects as CSV. The backend needs the user's token, so the file is
 * fetched and then handed to the browser rather than linked to.
 *
 * @public
 */
export function CsvExportButton(props: CsvExportButtonProps) {
  const { filename, label = 'Export CSV' } = props;
  const api = useApi(serviceDeliveryApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const text =
        'load' in props
          ? await props.load(api)
          : await api.getCsv(props.of, props.query);
      const url = URL.createObjectURL(
        new Blob([text], { type: 'text/csv;charset=utf-8' }),
      );
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = filename;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      URL.revokeObjectURL(url);
    } catch (error) {
      alertApi.post({
        message: `The CSV could not be exported: ${error}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      variant="outlined"
      startIcon={<GetAppIcon />}
      disabled={busy}
      onClick={download}
    >
      {label}
    </Button>
  );
}
