import { formatLocalTime } from './format';

/** A stored UTC time shown in the workstation's local time, with the UTC time on hover (and to screen readers as the datetime). */
export function LocalTime({ iso }: { iso: string }) {
  const utc = new Date(iso);
  const title = Number.isNaN(utc.getTime())
    ? iso
    : `${utc
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, '')} UTC`;
  return (
    <time dateTime={iso} title={title}>
      {formatLocalTime(iso)}
    </time>
  );
}
