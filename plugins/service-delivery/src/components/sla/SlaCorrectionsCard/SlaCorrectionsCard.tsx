import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CorrectionReason,
  IncidentSummary,
  SlaResponse,
  correctionReasons,
  instantOfWallClock,
  serviceDeliveryWritePermission,
} from '@service-delivery/plugin-service-delivery-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { serviceDeliveryApiRef } from '../../../api';
import { formatInstantRange } from '../../../dates';
import { correctionReasonLabels } from '../../../format';
import { useFocusRingStyles } from '../../../focus';

type Listed = NonNullable<SlaResponse['corrections']>[number];

/**
 * Whether the signed-in user may write measured data (and so corrections) for the entity, as the
 * permission framework answers; false while asking, and in an app without a permission API. With
 * `ask` false it does not ask (the answer was asked for elsewhere).
 */
export function useMayWriteData(entityRef: string, ask = true): boolean {
  const permissionApi = useApiHolder().get(permissionApiRef);
  const { value } = useAsync(async () => {
    if (!permissionApi || !ask) return false;
    const { result } = await permissionApi.authorize({
      permission: serviceDeliveryWritePermission,
      resourceRef: entityRef,
    });
    return result === 'ALLOW';
  }, [permissionApi, entityRef, ask]);
  return value ?? false;
}

function excludes(
  correction: Listed,
  incidents: IncidentSummary[],
  timezone: string,
): string {
  if (correction.incident) {
    const { source, id } = correction.incident;
    const incident = incidents.find(i => i.source === source && i.id === id);
    return incident
      ? `Incident ${id}: ${incident.title}`
      : `Incident ${id} (${source})`;
  }
  return formatInstantRange(correction.from, correction.to, timezone);
}

/** A refused write in a sentence: the problems the backend named, or its message. */
function refusal(error: unknown): string {
  if (error instanceof ResponseError) return error.body.error.message;
  return (error as Error)?.message ?? String(error);
}

type Draft = {
  agreement: string;
  what: 'incident' | 'interval';
  incident: string;
  from: string;
  to: string;
  reason: CorrectionReason | '';
  note: string;
};

const EVERY_AGREEMENT = '';

function AddCorrectionDialog(props: {
  open: boolean;
  onClose(): void;
  onAdded(): void;
  agreements: string[];
  incidents: IncidentSummary[];
  /** the service's zone: what the from and to fields are read in */
  timezone: string;
}) {
  const { entity } = useEntity();
  const api = useApi(serviceDeliveryApiRef);
  const focus = useFocusRingStyles();
  const [draft, setDraft] = useState<Draft>({
    agreement: EVERY_AGREEMENT,
    what: props.incidents.length > 0 ? 'incident' : 'interval',
    incident: '',
    from: '',
    to: '',
    reason: '',
    note: '',
  });
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });

  const submit = async () => {
    setSaving(true);
    setProblem(undefined);
    const incident = props.incidents.find(
      i => JSON.stringify([i.source, i.id]) === draft.incident,
    );
    // the fields hold the service's wall-clock time; the API takes instants
    const instant = (value: string) =>
      value ? instantOfWallClock(value, props.timezone) : undefined;
    try {
      await api.addCorrection({
        source: 'sla-tab',
        id: `correction-${Date.now().toString(36)}-${Math.random()
          .toString(36)
          .slice(2, 8)}`,
        entityRef: stringifyEntityRef(entity),
        ...(draft.agreement !== EVERY_AGREEMENT && {
          agreement: draft.agreement,
        }),
        ...(draft.what === 'incident'
          ? incident && {
              incident: { source: incident.source, id: incident.id },
            }
          : { from: instant(draft.from), to: instant(draft.to) }),
        reason: draft.reason as CorrectionReason,
        note: draft.note,
      });
      props.onAdded();
    } catch (error) {
      setProblem(refusal(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="correction-title"
      // the dialog is rendered outside the tab: its buttons need the ring of their own
      PaperProps={{ className: focus.controls }}
    >
      <DialogTitle id="correction-title">Add an SLA correction</DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          The agreement will not count what the correction excludes against its
          objectives; the measured figures keep it.
        </Typography>
        <TextField
          select
          fullWidth
          margin="dense"
          id="correction-agreement"
          label="Agreement"
          // a dialog opens with the focus on its first field, not on its frame
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
          value={draft.agreement}
          onChange={e => set({ agreement: e.target.value })}
        >
          <MenuItem value={EVERY_AGREEMENT}>Every agreement</MenuItem>
          {props.agreements.map(name => (
            <MenuItem key={name} value={name}>
              {name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          fullWidth
          margin="dense"
          id="correction-excludes"
          label="Exclude"
          value={draft.what}
          onChange={e => set({ what: e.target.value as Draft['what'] })}
        >
          <MenuItem value="incident">An incident</MenuItem>
          <MenuItem value="interval">An interval</MenuItem>
        </TextField>
        {draft.what === 'incident' ? (
          <TextField
            select
            fullWidth
            margin="dense"
            id="correction-incident"
            label="Incident"
            value={draft.incident}
            onChange={e => set({ incident: e.target.value })}
          >
            {props.incidents.map(i => (
              <MenuItem
                key={`${i.source}/${i.id}`}
                value={JSON.stringify([i.source, i.id])}
              >
                {i.id}: {i.title}
              </MenuItem>
            ))}
          </TextField>
        ) : (
          <Box display="flex" gridGap={16}>
            <TextField
              fullWidth
              margin="dense"
              type="datetime-local"
              id="correction-from"
              label={`From (${props.timezone})`}
              InputLabelProps={{ shrink: true }}
              value={draft.from}
              onChange={e => set({ from: e.target.value })}
            />
            <TextField
              fullWidth
              margin="dense"
              type="datetime-local"
              id="correction-to"
              label={`To (${props.timezone})`}
              InputLabelProps={{ shrink: true }}
              value={draft.to}
              onChange={e => set({ to: e.target.value })}
            />
          </Box>
        )}
        <TextField
          select
          fullWidth
          margin="dense"
          id="correction-reason"
          label="Reason"
          value={draft.reason}
          onChange={e => set({ reason: e.target.value as CorrectionReason })}
        >
          {correctionReasons.map(reason => (
            <MenuItem key={reason} value={reason}>
              {correctionReasonLabels[reason]}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          fullWidth
          multiline
          margin="dense"
          id="correction-note"
          label="Note for the customer"
          value={draft.note}
          onChange={e => set({ note: e.target.value })}
        />
        {problem && (
          <Typography color="error" variant="body2" role="alert">
            Not saved: {problem}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving}
          onClick={submit}
        >
          Add correction
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** @public */
export interface SlaCorrectionsCardProps {
  /** the corrections bearing on the period, as the SLA route lists them */
  corrections: Listed[];
  /** the names of the entity's agreements */
  agreements: string[];
  /** the period's incidents, to name what a correction excludes and to choose from */
  incidents: IncidentSummary[];
  /** The IANA zone the entity's dates are shown in. */
  timezone: string;
  /** called after a correction was added or removed, so that the figures are read again */
  onChanged(): void;
  /**
   * Whether the user may add and remove corrections, when the page asked already (the SLA tab asks
   * beside the figures); the card asks the permission framework itself when not given.
   */
  mayWrite?: boolean;
}

/**
 * The SLA corrections of the period: what each excludes, for which agreement, why and who said so.
 * Users who may write data for the entity add and remove corrections here.
 *
 * @public
 */
export function SlaCorrectionsCard(props: SlaCorrectionsCardProps) {
  const { corrections, incidents, timezone } = props;
  const { entity } = useEntity();
  const api = useApi(serviceDeliveryApiRef);
  const asked = useMayWriteData(
    stringifyEntityRef(entity),
    props.mayWrite === undefined,
  );
  const mayWrite = props.mayWrite ?? asked;
  const [adding, setAdding] = useState(false);
  const [problem, setProblem] = useState<string>();

  const remove = async (correction: Listed) => {
    setProblem(undefined);
    try {
      await api.removeCorrection(correction);
      props.onChanged();
    } catch (error) {
      setProblem(refusal(error));
    }
  };

  return (
    <InfoCard
      title="SLA corrections"
      subheader="What the agreements do not count against their objectives, and why. The Availability tab keeps the measured figures."
      action={
        mayWrite ? (
          <Button
            color="primary"
            variant="outlined"
            onClick={() => setAdding(true)}
          >
            Add correction
          </Button>
        ) : undefined
      }
    >
      {corrections.length === 0 ? (
        <Typography variant="body2">No corrections in this period.</Typography>
      ) : (
        <Table size="small" aria-label="SLA corrections">
          <TableHead>
            <TableRow>
              <TableCell>Excludes</TableCell>
              <TableCell>Agreement</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Note</TableCell>
              <TableCell>By</TableCell>
              {mayWrite && <TableCell />}
            </TableRow>
          </TableHead>
          <TableBody>
            {corrections.map(correction => (
              <TableRow key={`${correction.source}/${correction.id}`}>
                <TableCell>
                  {excludes(correction, incidents, timezone)}
                </TableCell>
                <TableCell>
                  {correction.agreement ?? 'Every agreement'}
                </TableCell>
                <TableCell>
                  {correctionReasonLabels[correction.reason] ??
                    correction.reason}
                </TableCell>
                <TableCell>{correction.note}</TableCell>
                <TableCell>{correction.writtenBy ?? 'unknown'}</TableCell>
                {mayWrite && (
                  <TableCell>
                    <Button size="small" onClick={() => remove(correction)}>
                      Remove
                    </Button>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {problem && (
        <Typography color="error" variant="body2" role="alert">
          {problem}
        </Typography>
      )}
      {adding && (
        <AddCorrectionDialog
          open
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            props.onChanged();
          }}
          agreements={props.agreements}
          incidents={incidents}
          timezone={timezone}
        />
      )}
    </InfoCard>
  );
}
