import { TableColumn } from '@backstage/core-components';
import { UnattributedCost } from '@service-delivery/plugin-service-delivery-common';
import { formatAmount } from '../../../formatCost';
import { SortableTable } from '../../shared/SortableTable';

const columns: TableColumn<UnattributedCost>[] = [
  { title: 'Named service', field: 'entityRef' },
  { title: 'Category', field: 'category' },
  {
    title: 'Amount',
    field: 'amount',
    type: 'numeric',
    render: line => formatAmount(line.amount, line.currency),
  },
  {
    title: 'From',
    sorting: false,
    render: line =>
      line.origin
        ? `${line.origin.file}:${line.origin.lines.join(',')}`
        : `${line.source} / ${line.id}`,
  },
  { title: 'Source', field: 'source' },
  { title: 'Id', field: 'id' },
  { title: 'Sent by', field: 'writtenBy' },
];

/** The month's cost lines that named a service the catalog does not know, for finance to map. */
export function UnattributedLinesTable(props: { lines: UnattributedCost[] }) {
  return (
    <SortableTable<UnattributedCost>
      title="Unattributed cost lines"
      subtitle="Each named a service the catalog does not know. Map one by sending it again with the same source and id for the service it belongs to (the importer: --map)."
      columns={columns}
      data={props.lines}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        // no column drag handles nested in the sort buttons
        draggable: false,
      }}
    />
  );
}
