export { AgreementCard } from './AgreementCard';
export type { AgreementCardProps } from './AgreementCard';
