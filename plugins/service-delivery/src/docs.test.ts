// The test runs in Node and reads the README the links point into; nothing of it reaches the browser.
/* eslint-disable no-restricted-imports */
import { readFileSync } from 'fs';
import { resolve } from 'path';
/* eslint-enable no-restricted-imports */
import { readmeSections, readmeSectionUrl } from './docs';

/** GitHub's anchor of a Markdown heading. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

describe('readmeSections', () => {
  const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
  const anchors = readme
    .split('\n')
    .filter(line => /^#{1,6} /.test(line))
    .map(line => anchorOf(line.replace(/^#+ /, '')));

  it.each(Object.entries(readmeSections))(
    'links %s to a heading of the README',
    (_, section) => {
      expect(anchors).toContain(section.anchor);
    },
  );

  it('links into the README on GitHub', () => {
    expect(readmeSectionUrl('prometheus')).toBe(
      'https://github.com/service-delivery/service-delivery-for-backstage/blob/main/README.md#prometheus-provider',
    );
  });
});
