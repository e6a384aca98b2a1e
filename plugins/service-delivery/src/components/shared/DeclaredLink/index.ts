export { DeclaredLink } from './DeclaredLink';
export type { DeclaredLinkProps } from './DeclaredLink';
