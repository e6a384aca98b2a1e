/* eslint-disable no-script-url -- the links that must not be rendered */
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { continuityResponse } from '../../../__testUtils__/continuityFixtures';
import { slaResponse } from '../../../__testUtils__/fixtures';
import { AgreementCard } from '../../sla/AgreementCard';
import { RecoveryStrategyCard } from '../../continuity/RecoveryStrategyCard';
import { DeclaredLink } from './DeclaredLink';

const notShown = 'Not shown: only http, https and mailto links are';

describe('DeclaredLink', () => {
  it.each([
    'https://example.com/slas/retail.pdf',
    'http://intranet.example.com/dr',
    'mailto:service-desk@example.com',
  ])('renders %s as a link', async to => {
    await renderInTestApp(
      <DeclaredLink to={to}>Signed agreement</DeclaredLink>,
    );
    expect(
      screen.getByRole('link', { name: /Signed agreement/ }),
    ).toHaveAttribute('href', to);
  });

  it.each([
    'javascript:alert(document.cookie)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'slas/retail.pdf',
  ])('does not render %j as a link', async to => {
    await renderInTestApp(
      <DeclaredLink to={to}>Signed agreement</DeclaredLink>,
    );
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.queryByText('Signed agreement')).not.toBeInTheDocument();
    expect(screen.getByText(notShown)).toBeInTheDocument();
  });

  it('keeps an agreement card with a javascript: document up, without the link', async () => {
    const [agreement] = slaResponse.agreements;
    await renderInTestApp(
      <AgreementCard
        agreement={{ ...agreement, document: 'javascript:alert(1)' }}
        period={slaResponse.period}
        timezone="Europe/London"
      />,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(screen.getByText('retail-sla')).toBeInTheDocument();
    expect(screen.getByText(notShown)).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Signed agreement/ }),
    ).not.toBeInTheDocument();
  });

  it('keeps the recovery card with a javascript: plan up, without the link', async () => {
    await renderInTestApp(
      <RecoveryStrategyCard
        value={{ ...continuityResponse, plan: 'javascript:alert(1)' }}
      />,
    );
    expect(
      screen.getByText('Recovery and business impact'),
    ).toBeInTheDocument();
    expect(screen.getByText(notShown)).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Open the recovery plan/ }),
    ).not.toBeInTheDocument();
  });
});
