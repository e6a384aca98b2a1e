export { MyServicesCard } from './MyServicesCard';
export type { MyServicesCardProps } from './MyServicesCard';
