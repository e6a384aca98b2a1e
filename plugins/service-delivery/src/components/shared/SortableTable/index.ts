export { SortableTable } from './SortableTable';
