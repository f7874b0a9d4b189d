/*
 * Times, the one way every screen shows and reads them. The gate stores and sends UTC (ISO
 * text); a person reads and types this workstation's local time, written date first and on
 * a 24-hour clock ("2026-03-02 09:15:00": short, unambiguous, and in sorting order), with the
 * zone named once per page (`TimeZoneNote`, under the page's title; `localZone()` where a
 * table names it in a column's header instead). UTC is shown where a screen asks for it, on
 * hover (`LocalTime`), and beside the local time where a record needs both.
 */
import { Text } from '@mantine/core';

const pad = (n: number) => String(n).padStart(2, '0');

const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})\b/g;

/** A stored UTC time (ISO text, or a Date) in local time, "2026-03-02 09:15:00"; the text as given when it is not a time. */
export function formatLocalTime(time: string | Date): string {
  const d = new Date(time);
  if (Number.isNaN(d.getTime())) return String(time);
  return `${localDay(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The zone local times are shown in: this workstation's, by its IANA name ("Europe/London"). */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A stored UTC time as UTC, "2026-03-02 14:15:00 UTC"; the text as given when it is not a time. */
export function formatUtcTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')} UTC`;
}

/** A stored UTC time shown in local time, with the UTC time on hover (and to screen readers as the datetime). */
export function LocalTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatUtcTime(iso)}>
      {formatLocalTime(iso)}
    </time>
  );
}

/**
 * A sentence with every ISO timestamp in it ("locked until 2026-11-29T21:04:22Z") written as
 * local time, the zone named after it: a sentence is read on its own, on pages with no zone line.
 */
export function withLocalTimes(text: string): string {
  return text.replace(ISO_TIME, (iso) => `${formatLocalTime(iso)} (${localTimeZone()})`);
}

/** This workstation's time zone as the browser knows it ("America/Los_Angeles"). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}

/** The line under a page's title that names, once, the zone the page's times are in. */
export function TimeZoneNote() {
  return (
    <Text size="sm" className="cu-muted" data-testid="time-zone">
      Times are in {localTimeZone()}.
    </Text>
  );
}

/** A local date as YYYY-MM-DD, today's by default (for file names and date inputs). */
export function localDay(date = new Date()): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The start (or, with `end`, the last millisecond) of a local calendar day (YYYY-MM-DD), as a UTC timestamp. */
export function localDayBound(day: string, end: boolean): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  return date.toISOString();
}

/** A time as a `datetime-local` input holds it: local, to the minute ("2026-03-02T09:15"). */
export function localMinute(date: Date): string {
  return `${localDay(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A `datetime-local` value as a UTC timestamp, or null when it is not one. The browser reads
 * a date and time written without a zone as local time, which is what the person typed.
 * `end` makes it the last millisecond of that minute, so "to 08:15" includes reads at 08:15:40.
 */
export function localMinuteBound(value: string, end: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return null;
  return new Date(end && value.length === 16 ? time + 59_999 : time).toISOString();
}
