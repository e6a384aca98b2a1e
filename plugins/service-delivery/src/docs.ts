/** The project's README, where the empty states send people for the details. */
export const readmeUrl =
  'https://github.com/service-delivery/service-delivery-for-backstage/blob/main/README.md';

/**
 * The README sections the empty states link, by their GitHub anchors (the heading, lower-case,
 * punctuation dropped, spaces as hyphens).
 */
export const readmeSections = {
  declaring: {
    anchor: 'declaring-service-delivery-specservicedelivery',
    label: 'Declaring service delivery',
  },
  ingest: { anchor: 'the-api', label: 'The API: ingestion' },
  prometheus: { anchor: 'prometheus-provider', label: 'Prometheus provider' },
  importCosts: {
    anchor: 'importing-a-finance-export',
    label: 'Importing a finance export',
  },
} as const;

/** @public */
export type ReadmeSection = keyof typeof readmeSections;

export function readmeSectionUrl(section: ReadmeSection): string {
  return `${readmeUrl}#${readmeSections[section].anchor}`;
}
