import { DateTime } from 'luxon';
import { UsageError } from './errors';

/**
 * Days and times on the command line. A day or a time written without an offset is
 * wall-clock time in one zone: this computer's (the TZ variable is honoured) unless the
 * command is given --timezone. Times are shown in that zone with their offset, so a
 * printed time can never be mistaken for another zone's.
 */

/** The zone to read and show times in: `--timezone` when given, else this computer's. */
export function cliZone(option: string | undefined): string {
  const zone = option ?? DateTime.local().zoneName ?? 'UTC';
  if (!DateTime.local().setZone(zone).isValid)
    throw new UsageError(`"${zone}" is not a time zone this computer knows (e.g. America/Chicago, UTC).`);
  return zone;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day (YYYY-MM-DD) or an ISO 8601 time given to `flag`, as a UTC timestamp. A day is
 * its first moment in `zone`, or with `end` its last (so `--to 2026-10-01` takes in the
 * whole of that day).
 */
export function whenOption(flag: string, text: string, zone: string, end = false): string {
  const parsed = DateTime.fromISO(text.trim(), { zone, setZone: true });
  if (!parsed.isValid) {
    throw new UsageError(
      `${flag} takes a day (YYYY-MM-DD) or a time (ISO 8601, e.g. 2026-10-01T14:30 or 2026-10-01T14:30:00Z); "${text}" is neither.`,
    );
  }
  const moment = end && DAY.test(text.trim()) ? parsed.endOf('day') : parsed;
  return moment.toUTC().toISO()!;
}

/** A stored UTC time as wall-clock time in `zone`, with its offset: "2026-10-01 09:15:02 -05:00". */
export function showTime(iso: string, zone: string): string {
  const time = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return time.isValid ? time.toFormat('yyyy-MM-dd HH:mm:ss ZZ') : iso;
}

/** How a listing says which zone its times are in. */
export function zoneNote(zone: string): string {
  return `Times are ${zone} (UTC${DateTime.now().setZone(zone).toFormat('ZZ')} now); --timezone shows another zone.`;
}
