import { useEffect, type KeyboardEvent } from 'react';
import { localZone } from '../common/time';
import { SpacerRow, useVirtualRows } from '../common/use-virtual-rows';
import { COLUMN_COUNT, LogRow } from './LogRow';
import type { LogPages } from './use-log-pages';

/** Every row is exactly this tall (CSS holds it), so the list is as long as the log without measuring. */
export const ROW_HEIGHT = 36;

/** The columns, the key ones first (time, person, action, outcome) so a narrow window keeps them in view. */
function headers(): { label: string; className: string }[] {
  return [
    { label: '#', className: 'cu-col-seq' },
    // Local time, its zone named once here; each cell shows UTC on hover.
    { label: `Time (${localZone()})`, className: 'cu-col-time' },
    { label: 'Person', className: 'cu-col-person' },
    { label: 'Action', className: 'cu-col-action' },
    { label: 'Outcome', className: 'cu-col-outcome' },
    { label: 'Case and purpose', className: 'cu-col-case' },
    { label: 'Reason', className: 'cu-col-reason' },
    { label: 'Workstation', className: 'cu-col-workstation' },
  ];
}

export interface LogTableHandle {
  scrollTo(index: number): void;
}

interface LogTableProps {
  pages: LogPages;
  total: number;
  onOpen(index: number): void;
  /** lets the page jump to the oldest or newest entry */
  handleRef?: (handle: LogTableHandle) => void;
}

/**
 * The access log as a real table (headers, row and column counts for screen readers)
 * whose body only holds the rows in view: 100,000 entries cost the DOM a few dozen rows.
 * Keyboard: Up/Down, Page Up/Down, Home/End move between rows; Enter or Space opens one.
 */
export function LogTable({ pages, total, onOpen, handleRef }: LogTableProps) {
  const { scroller, virtualizer, keys, items, tabStop, paddingTop, paddingBottom } = useVirtualRows(total, {
    row: ROW_HEIGHT,
    overscan: 10,
    onRange: pages.show,
  });

  useEffect(() => {
    handleRef?.({ scrollTo: (index) => virtualizer.scrollToIndex(index, { align: 'start' }) });
  }, [handleRef, virtualizer]);

  const columns = headers();
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if (keys.move(event, index)) return;
    if ((event.key === 'Enter' || event.key === ' ') && pages.entryAt(index)) {
      event.preventDefault();
      keys.setActive(index);
      onOpen(index);
    }
  };

  return (
    <div ref={scroller} className="cu-vtable-scroll cu-log-scroll">
      <table className="cu-vtable cu-log-table" aria-label="Access log entries" aria-rowcount={total + 1} aria-colcount={COLUMN_COUNT}>
        <colgroup>
          {columns.map((h) => (
            <col key={h.label} className={h.className} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((h) => (
              <th key={h.label} scope="col" className={h.label === '#' ? 'cu-num' : undefined}>
                {h.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <SpacerRow height={paddingTop} columns={COLUMN_COUNT} />
          {items.map((item) => (
            <LogRow
              key={item.index}
              index={item.index}
              entry={pages.entryAt(item.index)}
              tabStop={item.index === tabStop}
              onOpen={(index) => {
                keys.setActive(index);
                onOpen(index);
              }}
              onKeyDown={onKeyDown}
            />
          ))}
          <SpacerRow height={paddingBottom} columns={COLUMN_COUNT} />
        </tbody>
      </table>
    </div>
  );
}
