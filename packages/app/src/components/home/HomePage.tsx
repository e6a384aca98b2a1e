import { Content, Header, Page } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { HomePageMyServicesCard } from '@service-delivery/plugin-service-delivery';

/** The demo's home page: the signed-in user's services first. */
export const HomePage = () => (
  <Page themeId="home">
    <Header title="Home" />
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12} lg={8}>
          <HomePageMyServicesCard />
        </Grid>
      </Grid>
    </Content>
  </Page>
);
