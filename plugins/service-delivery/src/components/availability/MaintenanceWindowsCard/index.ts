export { MaintenanceWindowsCard } from './MaintenanceWindowsCard';
export type { MaintenanceWindowsCardProps } from './MaintenanceWindowsCard';
