import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** How the audit trail names the plugin's own providers. */
export const pluginWriter = 'plugin:service-delivery';

/**
 * How the audit trail names who wrote: a user by their entity ref, a service principal (another
 * plugin, or an outside tool's static token) as `service:<subject>`.
 */
export function writerOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string }
    | { type: string };
  if ('userEntityRef' in principal) return principal.userEntityRef;
  if ('subject' in principal) return `service:${principal.subject}`;
  return principal.type;
}
