import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useRowKeys } from './use-row-keys';

/** The sticky header's height in pixels, as `.cu-vtable thead th` (common/pages.css) holds it. */
const HEADER_HEIGHT = 40;

interface VirtualRowsOptions {
  /** every row's height in pixels, the same as its table's CSS holds it (no row is measured) */
  row: number;
  /** rows rendered beyond those in view, either side */
  overscan: number;
  /** told which rows are in view (first and last index) whenever that changes, to fetch what they show; keep it stable */
  onRange(first: number, last: number): void;
}

/**
 * The body of a `.cu-vtable` (common/pages.css) holding only the rows in view: the scroller's
 * ref, the rows to render, the spacer heights standing in for the rest, and keyboard movement
 * with its roving tab stop (useRowKeys).
 */
export function useVirtualRows(count: number, { row, overscan, onRange }: VirtualRowsOptions) {
  const header = HEADER_HEIGHT;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => row,
    overscan,
    scrollMargin: header,
    scrollPaddingStart: header,
  });
  const keys = useRowKeys(count, scroller, virtualizer, { row, header });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items.at(-1);

  const firstIndex = first?.index;
  const lastIndex = last?.index;
  useEffect(() => {
    if (firstIndex !== undefined && lastIndex !== undefined) onRange(firstIndex, lastIndex);
  }, [onRange, firstIndex, lastIndex]);

  return {
    scroller,
    virtualizer,
    keys,
    items,
    // The roving tab stop: the active row if it is rendered, else the first row in view.
    tabStop: keys.tabStop(items.map((i) => i.index)),
    // The items' positions count the header (scrollMargin); the spacers sit below it.
    paddingTop: first ? first.start - header : 0,
    paddingBottom: last ? virtualizer.getTotalSize() - (last.end - header) : 0,
  };
}

/** A spacer row standing in for the rows not rendered (none when there are none). */
export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="cu-vtable-spacer">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}
