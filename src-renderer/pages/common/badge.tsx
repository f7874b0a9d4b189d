import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'ok' | 'bad' | 'warn' | 'info';

/** A small label (status, outcome, role) in colours that keep AA contrast in light and dark schemes. */
export function Badge({ tone = 'neutral', title, children }: { tone?: BadgeTone; title?: string; children: ReactNode }) {
  return (
    <span className={tone === 'neutral' ? 'cu-badge' : `cu-badge cu-badge--${tone}`} title={title}>
      {children}
    </span>
  );
}
