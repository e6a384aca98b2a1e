import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  isAllowedLink,
  linkSchemes,
} from '@service-delivery/plugin-service-delivery-common';
import { ReactNode } from 'react';

const schemes = `${linkSchemes.slice(0, -1).join(', ')} and ${linkSchemes.at(
  -1,
)}`;

export interface DeclaredLinkProps {
  /** A link from `spec.serviceDelivery`, such as an agreement's `document`. */
  to: string;
  children: ReactNode;
}

/**
 * A link the metadata declares. The validator admits only http, https and mailto links, but in
 * `validation: warn` an entity with a problem is ingested as written, so any other link (a
 * `javascript:` one, say) is shown as a note rather than rendered as a link.
 */
export function DeclaredLink(props: DeclaredLinkProps) {
  if (isAllowedLink(props.to)) {
    return <Link to={props.to}>{props.children}</Link>;
  }
  return (
    <Typography variant="body2" color="textSecondary" component="span">
      Not shown: only {schemes} links are
    </Typography>
  );
}
