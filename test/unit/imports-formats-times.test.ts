import { describe, expect, it } from 'vitest';
import { clockFor, fromSerial, parseFlockTime, parseIso, timeParser, ZoneClock } from '../../src-main/core/intake/times';

const utc = clockFor('UTC');

describe('times', () => {
  it('reads ISO 8601 with microseconds, offsets and no zone', () => {
    expect(parseIso('2026-03-10T04:31:52.901234Z', utc)).toBe(Date.UTC(2026, 2, 10, 4, 31, 52, 901));
    expect(parseIso('2026-03-10T04:31:52+02:00', utc)).toBe(Date.UTC(2026, 2, 10, 2, 31, 52));
    expect(parseIso('2026-03-10T04:31:52-0530', utc)).toBe(Date.UTC(2026, 2, 10, 10, 1, 52));
    expect(parseIso('2026-03-10 04:31', utc)).toBe(Date.UTC(2026, 2, 10, 4, 31));
    expect(parseIso('2026-03-10', utc)).toBe(Date.UTC(2026, 2, 10));
  });

  it('refuses dates that are not on the calendar instead of rolling them over', () => {
    expect(parseIso('2026-02-30T12:00:00Z', utc)).toBe('is not a calendar date');
    expect(parseIso('2025-02-29', utc)).toBe('is not a calendar date');
    expect(parseIso('2024-02-29', utc)).toBe(Date.UTC(2024, 1, 29));
    expect(parseIso('2026-01-01T24:00:00Z', utc)).toBe('is not a calendar date');
    expect(parseIso('yesterday', utc)).toMatch(/not a time this reader understands/);
  });

  it('puts wall-clock times in the chosen zone, right on both sides of summer time', () => {
    const la = new ZoneClock('America/Los_Angeles');
    expect(parseIso('2026-03-08T01:30:00', la)).toBe(Date.UTC(2026, 2, 8, 9, 30)); // PST
    expect(parseIso('2026-03-08T03:30:00', la)).toBe(Date.UTC(2026, 2, 8, 10, 30)); // PDT
    expect(parseIso('2026-07-01T12:00:00', la)).toBe(Date.UTC(2026, 6, 1, 19));
    expect(parseIso('2026-11-01T03:00:00', la)).toBe(Date.UTC(2026, 10, 1, 11)); // PST again
    expect(parseIso('2026-07-01T12:00:00Z', la)).toBe(Date.UTC(2026, 6, 1, 12)); // a zone written wins
    expect(() => new ZoneClock('Mars/Olympus')).toThrow('"Mars/Olympus" is not a time zone this computer knows');
  });

  it("reads Flock's US-style times, unpadded, always UTC", () => {
    expect(parseFlockTime('11/14/2025, 09:53:36 AM UTC')).toBe(Date.UTC(2025, 10, 14, 9, 53, 36));
    expect(parseFlockTime('1/4/2026, 9:05:01 PM UTC')).toBe(Date.UTC(2026, 0, 4, 21, 5, 1));
    expect(parseFlockTime('1/4/2026 12:00:00 AM')).toBe(Date.UTC(2026, 0, 4, 0));
    expect(parseFlockTime('2/30/2026, 09:00:00 AM UTC')).toBe('is not a calendar date');
  });

  it('reads spreadsheet serial dates as UTC', () => {
    expect(fromSerial(46000.5)).toBe(Date.UTC(2025, 11, 9, 12));
  });

  it("reads a Flock time or a serial date that names no zone in the import's zone; one that says UTC stays UTC", () => {
    const la = clockFor('America/Los_Angeles');
    expect(parseFlockTime('1/4/2026 12:00:00 AM', la)).toBe(Date.UTC(2026, 0, 4, 8)); // PST
    expect(parseFlockTime('7/4/2026, 9:05:01 PM', la)).toBe(Date.UTC(2026, 6, 5, 4, 5, 1)); // PDT
    expect(parseFlockTime('7/4/2026, 9:05:01 PM UTC', la)).toBe(Date.UTC(2026, 6, 4, 21, 5, 1));
    expect(parseFlockTime('2026-07-04T21:05:01', la)).toBe(Date.UTC(2026, 6, 5, 4, 5, 1));
    expect(parseFlockTime('2026-07-04T21:05:01Z', la)).toBe(Date.UTC(2026, 6, 4, 21, 5, 1));
    expect(parseFlockTime('2/30/2026, 09:00:00 AM', la)).toBe('is not a calendar date');
    expect(fromSerial(46000.5, la)).toBe(Date.UTC(2025, 11, 9, 20));
  });

  it('reads epoch seconds or milliseconds by size, and a Luxon format from a mapping', () => {
    const auto = timeParser(undefined, utc);
    expect(auto('1767225600')).toBe(Date.UTC(2026, 0, 1));
    expect(auto('1767225600000')).toBe(Date.UTC(2026, 0, 1));
    const us = timeParser('MM/dd/yyyy HH:mm:ss', new ZoneClock('America/New_York'));
    expect(us('01/02/2026 10:00:00')).toBe(Date.UTC(2026, 0, 2, 15));
    expect(us('02/30/2026 10:00:00')).toBe('is not a calendar date');
    expect(us('2026-01-02')).toBe('does not match the time format MM/dd/yyyy HH:mm:ss');
  });
});
