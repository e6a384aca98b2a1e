import addFormats from 'ajv-formats';
import { IANAZone } from 'luxon';
import { isAllowedLink, linkSchemes } from '../links';
import { tryParseDuration } from '../duration';
import { recentResults } from '../recentResults';
import {
  MAX_DURATION_SECONDS,
  MAX_RECORD_ENTITY_REF_LENGTH,
} from '../schema/definitions';

/**
 * A string format of the schemas, with the words a problem uses to say what was expected.
 */
export interface FormatDefinition {
  validate?: (value: string) => boolean;
  /** Completes "must be ...". */
  expected: string;
}

const kindPattern = /^[A-Za-z][A-Za-z0-9]*$/;
const namespacePattern = /^[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*$/;
const entityNamePattern = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** `[kind:][namespace/]name`, with Backstage's rules for each part. */
export function isEntityRef(value: string): boolean {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(value);
  if (!match) {
    return false;
  }
  const [, kind, namespace, name] = match;
  return (
    (kind === undefined || kindPattern.test(kind)) &&
    (namespace === undefined ||
      (namespace.length <= 63 && namespacePattern.test(namespace))) &&
    name.length <= 63 &&
    entityNamePattern.test(name)
  );
}

// An instant must carry its offset: a wall-clock time alone does not say when something happened.
const instantPattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

// the records of one batch share a few instants (every service's bucket of the same hour)
const recentInstants = recentResults<string, number | undefined>();
/**
 * The longest text an instant can be (`2026-03-29T01:30:00.123456789+01:00`): a longer one is read
 * without being remembered, so that no batch fills the memo with long strings.
 */
const LONGEST_INSTANT = 35;

function readInstant(value: string): number | undefined {
  const match = instantPattern.exec(value);
  if (!match) {
    return undefined;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const millisecond =
    match[7] === undefined ? 0 : Number(match[7].padEnd(3, '0').slice(0, 3));
  const offsetHours = match[10] === undefined ? 0 : Number(match[10]);
  const offsetMinutes = match[11] === undefined ? 0 : Number(match[11]);
  const validHour =
    hour <= 23 ||
    (hour === 24 && minute === 0 && second === 0 && millisecond === 0);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    !validHour ||
    minute > 59 ||
    second > 59 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  ) {
    return undefined;
  }
  let utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (year < 100) {
    // Date.UTC reads the years 0 to 99 as 1900 to 1999
    const date = new Date(utc);
    date.setUTCFullYear(year, month - 1, day);
    utc = date.getTime();
  }
  const offset =
    (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return utc - offset;
}

/**
 * An ISO 8601 date and time with an offset, as milliseconds since the epoch (fractions of a
 * millisecond cut off); undefined when it is not one or names a day or time that does not exist.
 * Midnight may be written 24:00 of the day before. Ingest parses every instant of every record, so
 * this is written out rather than left to a general date library.
 */
export function parseInstant(value: string): number | undefined {
  return value.length <= LONGEST_INSTANT
    ? recentInstants(value, readInstant)
    : readInstant(value);
}

/** Free text: no control characters other than tabs and line breaks, no broken UTF-16. */
export function isCleanText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) {
      return false;
    }
    if (code === 0x7f) {
      return false;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) {
        return false;
      }
      i += 1;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    }
  }
  return true;
}

const recentZones = recentResults<string, boolean>(1_000);
/**
 * Longer than any IANA zone name (the longest are some 30 characters): such text is refused
 * without asking Intl, and is never remembered.
 */
const LONGEST_ZONE_NAME = 64;
/** As for instants: references longer than a record may name are checked, not remembered. */
const recentEntityRefs = recentResults<string, boolean>();

// ajv-formats' full check of an absolute URI (RFC 3986)
const isUri = addFormats.get('uri') as (value: string) => boolean;

function schemeList(): string {
  return `${linkSchemes.slice(0, -1).join(', ')} or ${linkSchemes.at(-1)}`;
}

export const formats: Record<string, FormatDefinition> = {
  duration: {
    validate: value => {
      const seconds = tryParseDuration(value);
      return seconds !== undefined && seconds <= MAX_DURATION_SECONDS;
    },
    expected: 'a duration such as 15m, 4h, 1d or PT15M',
  },
  'time-of-day': {
    validate: value => /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(value),
    expected: "a time of day written 'HH:MM', such as '08:00'",
  },
  timezone: {
    // luxon asks Intl afresh on every call; thousands of entities name the same few zones
    validate: value =>
      value.length <= LONGEST_ZONE_NAME &&
      recentZones(value, zone => IANAZone.isValidZone(zone)),
    expected: 'an IANA time zone such as Europe/London or UTC',
  },
  'entity-ref': {
    // every record of an ingest batch names one of a few entities
    validate: value =>
      value.length <= MAX_RECORD_ENTITY_REF_LENGTH
        ? recentEntityRefs(value, isEntityRef)
        : isEntityRef(value),
    expected:
      'an entity reference [kind:][namespace/]name, such as group:payments',
  },
  name: {
    validate: value => /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(value),
    expected:
      "a name of letters, digits, '.', '_' and '-' (at most 100 characters), such as checkout-latency",
  },
  currency: {
    validate: value => /^[A-Z]{3}$/.test(value),
    expected: 'a three-letter currency code such as EUR',
  },
  month: {
    validate: value => /^\d{4}-(?:0[1-9]|1[0-2])(?:-01)?$/.test(value),
    expected: 'a month written YYYY-MM or YYYY-MM-01',
  },
  instant: {
    validate: value => parseInstant(value) !== undefined,
    expected:
      'an ISO 8601 date and time with an offset, such as 2026-03-01T12:00:00Z',
  },
  source: {
    validate: value => /^[A-Za-z0-9._-]{1,64}$/.test(value),
    expected:
      "a source name of 1 to 64 letters, digits, '.', '_' and '-', such as pagerduty",
  },
  text: {
    validate: isCleanText,
    expected: 'text without control characters or broken Unicode',
  },
  link: {
    // the scheme is checked first: it is cheap and decides most wrong links
    validate: value => isAllowedLink(value) && isUri(value),
    expected: `an absolute URL with the scheme ${schemeList()}, such as https://example.com/slas/retail.pdf`,
  },
  // this one comes from ajv-formats
  date: { expected: 'a date written YYYY-MM-DD, such as 2026-01-01' },
};
