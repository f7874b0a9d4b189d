import type { Readable } from 'node:stream';
import type { ParsedItem, ReadOptions, VendorEventRow } from '../rows';
import { readTable } from '../../intake/tabular';
import { clockFor, fromSerial, parseIso, type Clock, type TimeResult } from '../../intake/times';
import { listed, logLayout, matchHeader } from '../../intake/vendor-log';

/**
 * Flock Safety event log: `Timestamp, User, Event Type, Entity Type, Entity Details,
 * Event Id`. Timestamp is ISO 8601 with Z, or a spreadsheet serial date (days since
 * 1899-12-30) in some releases; a time without a zone (a serial date, a date cell, ISO
 * without Z) is read in the import's zone. Entity Details is a multi-line cell of
 * `Key: value` lines.
 */
export const EVENT_COLUMNS = ['Timestamp', 'User', 'Event Type', 'Entity Type', 'Entity Details', 'Event Id'] as const;

const SERIAL = /^\d{4,6}(?:\.\d+)?$/;

function eventTime(clock: Clock): (text: string) => TimeResult {
  return (text) => (SERIAL.test(text) ? fromSerial(Number(text), clock) : parseIso(text, clock));
}

/** `Hotlist Name: Stolen\nLicense: ABC123` → { "Hotlist Name": "Stolen", License: "ABC123" }. */
function detailsOf(text: string | null): Record<string, string> {
  const details: Record<string, string> = {};
  for (const line of (text ?? '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) details[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return details;
}

export function readFlockEvents(input: Readable, options: ReadOptions): AsyncGenerator<ParsedItem> {
  const now = options.now.getTime();
  const parse = eventTime(clockFor(options.timezone));
  return readTable(input, options, (first) => {
    const header = matchHeader(first, EVENT_COLUMNS, 3);
    if (!header)
      throw new Error(`${options.fileName} is not a Flock event log: its header does not name the columns ${listed(EVENT_COLUMNS)}.`);
    return logLayout(true, header.names, header.canonical, (row, { line }): VendorEventRow => {
      const occurredText = row.get('Timestamp');
      const entityDetails = row.get('Entity Details');
      return {
        target: 'vendor-events',
        line,
        vendorEventId: row.get('Event Id'),
        occurredAt: row.time('Timestamp', occurredText, parse, now),
        occurredText,
        user: row.get('User'),
        eventType: row.get('Event Type'),
        entityType: row.get('Entity Type'),
        entityDetails,
        details: detailsOf(entityDetails),
        withheld: row.withheld,
        cells: row.cells,
      };
    });
  });
}
