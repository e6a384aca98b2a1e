import { renderInTestApp } from '@backstage/test-utils';
import {
  DefaultResultListItem,
  SearchResultListItemExtensions,
} from '@backstage/plugin-search-react';
import { screen, within } from '@testing-library/react';
import { ServiceDeliverySearchResultListItem as Extension } from '../../../plugin';
import { ServiceDeliverySearchResultListItem } from './ServiceDeliverySearchResultListItem';

const agreement = {
  title: 'Payments API SLA: retail-sla',
  text: 'SLA retail-sla of Payments API (component:default/payments-api) with Retail customers provided by group:default/payments.',
  location: '/catalog/default/component/payments-api/sla#agreement-retail-sla',
  documentKind: 'agreement',
  entityRef: 'component:default/payments-api',
  owner: 'group:default/payments',
  status: 'breached',
  category: 'SLA',
};

const finding = {
  title: 'Kubernetes cluster: high capacity finding',
  text: 'cpu reaches its critical level on 23 Feb 2027.',
  location: '/catalog/default/resource/kubernetes-cluster/capacity#finding-f1',
  documentKind: 'finding',
  entityRef: 'resource:default/kubernetes-cluster',
  owner: 'group:default/platform',
  status: 'high',
  category: 'capacity',
};

describe('ServiceDeliverySearchResultListItem', () => {
  it("shows an agreement's type, status and owner, and links to its place on the SLA tab", async () => {
    await renderInTestApp(
      <ServiceDeliverySearchResultListItem
        result={agreement}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: { title: '<em>Payments</em> API <em>SLA</em>: retail-sla' },
        }}
      />,
    );
    const link = screen.getByRole('link');
    expect(link).toHaveAttribute('href', agreement.location);
    expect(link).toHaveTextContent('Payments API SLA: retail-sla');
    // the highlighted words as the search engine marked them
    expect(within(link).getByText('Payments').tagName).toBe('MARK');
    expect(screen.getByText('SLA agreement')).toBeInTheDocument();
    expect(
      screen.getByText('Breached').closest('[data-status]'),
    ).toHaveAttribute('data-status', 'breached');
    expect(screen.getByText('owned by payments')).toBeInTheDocument();
    expect(screen.getByText(agreement.text)).toBeInTheDocument();
  });

  it("shows a finding's discipline and severity", async () => {
    await renderInTestApp(
      <ServiceDeliverySearchResultListItem result={finding} />,
    );
    expect(screen.getByText('Capacity finding')).toBeInTheDocument();
    expect(
      screen.getByText('High').closest('[data-severity]'),
    ).toHaveAttribute('data-severity', 'high');
    expect(screen.getByText('owned by platform')).toBeInTheDocument();
  });

  it('shows a document without our fields as title and text only, and nothing without a result', async () => {
    const { container } = await renderInTestApp(
      <>
        <ServiceDeliverySearchResultListItem
          result={{ title: 'Older index', text: 'Some text', location: '/x' }}
        />
        <ServiceDeliverySearchResultListItem />
      </>,
    );
    expect(screen.getByRole('link')).toHaveTextContent('Older index');
    expect(container.querySelector('[data-status]')).toBeNull();
    expect(screen.queryByText(/owned by/)).toBeNull();
  });

  it("renders Service Delivery's results among a search page's results and leaves the others to the next item", async () => {
    await renderInTestApp(
      <SearchResultListItemExtensions
        results={[
          { type: 'service-delivery', document: agreement },
          {
            type: 'software-catalog',
            document: {
              title: 'payments-api',
              text: 'The payments API',
              location: '/catalog/default/component/payments-api',
            },
          },
        ]}
      >
        <Extension />
        <DefaultResultListItem />
      </SearchResultListItemExtensions>,
    );
    expect(await screen.findByText('SLA agreement')).toBeInTheDocument();
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[1]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    expect(within(items[1]).queryByText(/agreement|finding/)).toBeNull();
  });
});
