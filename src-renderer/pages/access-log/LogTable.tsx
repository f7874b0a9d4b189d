import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useRowKeys } from '../common/use-row-keys';
import { COLUMN_COUNT, LogRow } from './LogRow';
import type { LogPages } from './use-log-pages';

/** Every row is exactly this tall (CSS holds it), so the list is as long as the log without measuring. */
export const ROW_HEIGHT = 36;
/** The sticky header's height (CSS holds it too). */
const HEADER_HEIGHT = 40;

const HEADERS: { label: string; className: string }[] = [
  { label: '#', className: 'cu-col-seq' },
  { label: 'Time', className: 'cu-col-time' },
  { label: 'Person', className: 'cu-col-person' },
  { label: 'Role', className: 'cu-col-role' },
  { label: 'Operation', className: 'cu-col-operation' },
  { label: 'Outcome', className: 'cu-col-outcome' },
  { label: 'Case', className: 'cu-col-case' },
  { label: 'Purpose', className: 'cu-col-purpose' },
  { label: 'Reason', className: 'cu-col-reason' },
  { label: 'Workstation', className: 'cu-col-workstation' },
];

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
  const scroller = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const keys = useRowKeys(total, scroller, virtualizer, { row: ROW_HEIGHT, header: HEADER_HEIGHT });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items.at(-1);

  const { show } = pages;
  const firstIndex = first?.index;
  const lastIndex = last?.index;
  useEffect(() => {
    if (firstIndex !== undefined && lastIndex !== undefined) show(firstIndex, lastIndex);
  }, [show, firstIndex, lastIndex]);

  useEffect(() => {
    handleRef?.({ scrollTo: (index) => virtualizer.scrollToIndex(index, { align: 'start' }) });
  }, [handleRef, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if (keys.move(event, index)) return;
    if ((event.key === 'Enter' || event.key === ' ') && pages.entryAt(index)) {
      event.preventDefault();
      keys.setActive(index);
      onOpen(index);
    }
  };

  // The roving tab stop: the active row if it is rendered, else the first row in view.
  const tabStop = keys.tabStop(items.map((i) => i.index));
  const paddingTop = first ? first.start - HEADER_HEIGHT : 0;
  const paddingBottom = last ? virtualizer.getTotalSize() - (last.end - HEADER_HEIGHT) : 0;

  return (
    <div ref={scroller} className="cu-log-scroll">
      <table className="cu-log-table" aria-label="Access log entries" aria-rowcount={total + 1} aria-colcount={COLUMN_COUNT}>
        <colgroup>
          {HEADERS.map((h) => (
            <col key={h.label} className={h.className} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {HEADERS.map((h) => (
              <th key={h.label} scope="col" className={h.label === '#' ? 'cu-num' : undefined}>
                {h.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true" className="cu-log-spacer">
              <td colSpan={COLUMN_COUNT} style={{ height: paddingTop }} />
            </tr>
          )}
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
          {paddingBottom > 0 && (
            <tr aria-hidden="true" className="cu-log-spacer">
              <td colSpan={COLUMN_COUNT} style={{ height: paddingBottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
