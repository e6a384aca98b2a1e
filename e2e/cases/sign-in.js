const { exactly } = require('../lib/page');

module.exports = {
  name: 'Sign-in',
  tests: [
    {
      name: 'a fresh browser shows the guest sign-in page; ENTER opens the catalog',
      async run(t) {
        const { page } = t;
        await page.goto(`${t.baseUrl}/`);
        const enter = page.getByRole('button', { name: exactly('Enter') });
        await enter.waitFor({ timeout: 60000 });
        await page.getByText('Guest', { exact: true }).first().waitFor();
        await t.screenshot('sign-in');
        await enter.click();
        await page.waitForURL(url => url.pathname.startsWith('/catalog'));
        await page.getByRole('link', { name: 'Settings' }).waitFor();
      },
    },
  ],
};
