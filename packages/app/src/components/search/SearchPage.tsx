import { Content, Header, Page } from '@backstage/core-components';
import { SearchType } from '@backstage/plugin-search';
import {
  DefaultResultListItem,
  SearchBar,
  SearchPagination,
  SearchResult,
} from '@backstage/plugin-search-react';
import Grid from '@material-ui/core/Grid';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { ServiceDeliverySearchResultListItem } from '@service-delivery/plugin-service-delivery';

/**
 * The demo's search page: every document type, Service Delivery's agreements and findings among
 * them.
 */
export const searchPage = (
  <Page themeId="home">
    <Header title="Search" />
    <Content>
      <Grid container direction="row">
        <Grid item xs={12}>
          <SearchBar />
        </Grid>
        <Grid item xs={12} md={3}>
          <SearchType.Accordion
            name="Result type"
            defaultValue=""
            types={[
              {
                value: 'service-delivery',
                name: 'Service delivery',
                icon: <AssessmentIcon />,
              },
            ]}
          />
        </Grid>
        <Grid item xs={12} md={9}>
          <SearchPagination />
          {/* the first item whose type matches renders a result: ours for agreements and findings */}
          <SearchResult>
            <ServiceDeliverySearchResultListItem icon={<AssessmentIcon />} />
            <DefaultResultListItem />
          </SearchResult>
        </Grid>
      </Grid>
    </Content>
  </Page>
);
