import { Content, Header, Page } from '@backstage/core-components';
import { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { CostCoverageCard } from '../CostCoverageCard';
import { OverviewContent } from '../OverviewContent';
import { SlaReportContent } from '../SlaReportContent';

/** @public */
export interface ServiceDeliveryPageProps {
  /**
   * Whether the page draws its own Backstage page and header (the legacy app); the new frontend
   * system draws them around a page itself.
   */
  header?: boolean;
}

/**
 * The org-wide Service Delivery page: the overview of every service at `/`, and the printable SLA
 * report at `/report`.
 *
 * @public
 */
export function ServiceDeliveryPage(props: ServiceDeliveryPageProps) {
  const { header = true } = props;
  const frame = (title: string, content: ReactNode) =>
    header ? (
      <Page themeId="tool">
        <Header
          title={title}
          subtitle="Every service's agreements, availability, cost, capacity and continuity"
        />
        <Content>{content}</Content>
      </Page>
    ) : (
      <Content>{content}</Content>
    );
  return (
    <Routes>
      <Route
        path="/"
        element={frame(
          'Service Delivery',
          <OverviewContent below={<CostCoverageCard />} />,
        )}
      />
      <Route
        path="/report"
        element={frame('SLA report', <SlaReportContent />)}
      />
    </Routes>
  );
}
