import { DateTime } from 'luxon';

/**
 * Times as vendors write them. Parsers return milliseconds since 1970 UTC, or a string
 * that says what is wrong ("is not a calendar date"); the caller puts the column's own
 * words in front ("the capture time 2026-02-30 12:00 …").
 *
 * The hot path (a million ISO times) avoids Date.parse, which rolls 2026-02-30 over to
 * 2 March, and avoids Luxon per row, which is too slow: times with a zone are computed
 * with Date.UTC, and times without one look their zone offset up in a per-zone cache.
 */
export type TimeResult = number | string;

const NOT_A_DATE = 'is not a calendar date';
const NOT_A_TIME = 'is not a time this reader understands (expected ISO 8601, such as 2026-03-10T04:31:52Z)';
const EARLIEST = Date.UTC(1990, 0, 1);
const DAY = 86_400_000;

export function isTimeError(result: TimeResult): result is string {
  return typeof result === 'string';
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Date.UTC for a wall clock that has been checked to exist on the calendar, or NOT_A_DATE. */
function calendarUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): TimeResult {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return NOT_A_DATE;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/**
 * Turns wall-clock times of one IANA zone into UTC. The offset is looked up once per
 * quarter hour of wall clock (every zone in use changes offset on a quarter hour), so a
 * million rows cost a few thousand Luxon calls, and summer time is right on both sides of
 * the change. A wall time that a spring-forward change skips is read as Luxon reads it
 * (moved forward); one that a fall-back change repeats is the earlier of the two.
 */
export class ZoneClock {
  private readonly offsets = new Map<number, number>();
  private lastSlot = Number.NaN;
  private lastOffset = 0;

  constructor(readonly zone: string) {
    if (!DateTime.local().setZone(zone).isValid) throw new Error(`"${zone}" is not a time zone this computer knows`);
  }

  /** `wall` is the wall-clock time written as if it were UTC (Date.UTC of its fields). */
  toUtc(wall: number): number {
    const slot = Math.floor(wall / 900_000);
    if (slot !== this.lastSlot) {
      let offset = this.offsets.get(slot);
      if (offset === undefined) {
        const start = new Date(slot * 900_000);
        const local = DateTime.fromObject(
          {
            year: start.getUTCFullYear(),
            month: start.getUTCMonth() + 1,
            day: start.getUTCDate(),
            hour: start.getUTCHours(),
            minute: start.getUTCMinutes(),
          },
          { zone: this.zone },
        );
        offset = local.offset * 60_000;
        this.offsets.set(slot, offset);
      }
      this.lastSlot = slot;
      this.lastOffset = offset;
    }
    return wall - this.lastOffset;
  }
}

const UTC_CLOCK = { zone: 'UTC', toUtc: (wall: number) => wall };
export type Clock = Pick<ZoneClock, 'zone' | 'toUtc'>;

/** A clock for `zone`; UTC needs no look-ups. */
export function clockFor(zone: string): Clock {
  return zone === 'UTC' || zone === 'Etc/UTC' ? UTC_CLOCK : new ZoneClock(zone);
}

/** Reads `count` digits at `at`, or -1. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/**
 * ISO 8601 / RFC 3339: `2026-03-10`, `2026-03-10T04:31:52`, `2026-03-10 04:31`, with any
 * number of fraction digits (microseconds are cut to milliseconds) and `Z`, `+02:00`,
 * `+0200`, `+02` or ` UTC`. A time without a zone is wall-clock time in `clock`'s zone.
 */
export function parseIso(text: string, clock: Clock): TimeResult {
  const length = text.length;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NOT_A_TIME;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let at = 10;
  if (length > 10) {
    const separator = text.charCodeAt(10);
    if (separator !== 84 && separator !== 32 && separator !== 116) return NOT_A_TIME;
    hour = digits(text, 11, 2);
    minute = digits(text, 14, 2);
    if (hour < 0 || minute < 0 || text.charCodeAt(13) !== 58) return NOT_A_TIME;
    at = 16;
    if (text.charCodeAt(16) === 58) {
      second = digits(text, 17, 2);
      if (second < 0) return NOT_A_TIME;
      at = 19;
      if (text.charCodeAt(19) === 46 || text.charCodeAt(19) === 44) {
        at = 20;
        let scale = 100;
        for (let code = text.charCodeAt(at) - 48; code >= 0 && code <= 9; code = text.charCodeAt(++at) - 48) {
          ms += code * scale;
          scale /= 10;
        }
        ms = Math.floor(ms);
        if (at === 20) return NOT_A_TIME;
      }
    }
  }
  const wall = calendarUtc(year, month, day, hour, minute, second, ms);
  if (isTimeError(wall)) return wall;
  if (at === length) return clock.toUtc(wall);
  const zone = text.slice(at).trim();
  if (zone === 'Z' || zone === 'z' || zone === 'UTC' || zone === 'GMT') return wall;
  const offset = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(zone);
  if (!offset) return NOT_A_TIME;
  const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
  return wall - (offset[1] === '-' ? -minutes : minutes) * 60_000;
}

/**
 * Flock's own way: `11/14/2025, 09:53:36 AM UTC` (month/day may be unpadded, the comma,
 * seconds and AM/PM may be missing). A time that says UTC (or GMT, Z) is UTC; one that
 * says no zone is wall-clock time in `clock`'s zone, the import's. ISO 8601 is accepted too.
 */
const US_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*([AaPp][Mm])?)?\s*(UTC|GMT|Z)?$/;
export function parseFlockTime(text: string, clock: Clock = UTC_CLOCK): TimeResult {
  const trimmed = text.trim();
  const match = US_TIME.exec(trimmed);
  if (!match) return parseIso(trimmed, clock);
  let hour = Number(match[4] ?? 0);
  const meridiem = match[8]?.toUpperCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return NOT_A_DATE;
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  const ms = match[7] ? Number(match[7].padEnd(3, '0')) : 0;
  const wall = calendarUtc(Number(match[3]), Number(match[1]), Number(match[2]), hour, Number(match[5] ?? 0), Number(match[6] ?? 0), ms);
  return isTimeError(wall) || match[9] ? wall : clock.toUtc(wall);
}

/** A spreadsheet serial date (days since 1899-12-30, the fraction the time of day): wall-clock time in `clock`'s zone. */
export function fromSerial(serial: number, clock: Clock = UTC_CLOCK): number {
  return clock.toUtc(Math.round((serial - 25569) * DAY));
}

/** A number of seconds or milliseconds since 1970, told apart by size (1e11 s is the year 5138). */
export function fromEpoch(value: number): number {
  return Math.abs(value) >= 1e11 ? Math.round(value) : Math.round(value * 1000);
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * A capture time from a mapped column: ISO 8601, seconds or milliseconds since 1970, or
 * the mapping's own Luxon format. Times without a zone are in `clock`'s zone.
 */
export function timeParser(format: string | undefined, clock: Clock): (text: string) => TimeResult {
  if (format) {
    return (text) => {
      const parsed = DateTime.fromFormat(text.trim(), format, { zone: clock.zone });
      if (parsed.isValid) return parsed.toMillis();
      return parsed.invalidReason === 'unit out of range' ? NOT_A_DATE : `does not match the time format ${format}`;
    };
  }
  return (text) => (NUMBER.test(text) ? fromEpoch(Number(text)) : parseIso(text, clock));
}

/** Refuses times before 1990 or more than a day after `now` (a clock set wrong, a typo). */
export function outOfRange(ms: number, now: number): string | null {
  if (ms > now + DAY) return 'is in the future';
  if (ms < EARLIEST) return 'is before 1990';
  return null;
}
