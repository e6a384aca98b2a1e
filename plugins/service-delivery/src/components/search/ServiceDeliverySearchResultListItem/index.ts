export { ServiceDeliverySearchResultListItem } from './ServiceDeliverySearchResultListItem';
export type { ServiceDeliverySearchResultListItemProps } from './ServiceDeliverySearchResultListItem';
