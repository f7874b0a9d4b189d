import type { Virtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

export interface RowKeys {
  /** the row that holds the roving tab stop (the last one moved to or opened) */
  active: number;
  setActive(index: number): void;
  /** Up/Down, Page Up/Down, Home/End: move between rows; returns true when the key was one of those */
  move(event: KeyboardEvent<HTMLElement>, index: number): boolean;
  /** the one rendered row Tab reaches: the active row if rendered, else the first row in view */
  tabStop(rendered: readonly number[]): number;
}

/**
 * Keyboard movement through a virtualised table whose rows are `tr[data-index]` inside
 * `scroller`: a key scrolls the row into view first, and the row gets focus once it is
 * rendered. The table's own keys (Enter to open, Space to select) stay with the table.
 */
export function useRowKeys(
  total: number,
  scroller: RefObject<HTMLElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  sizes: { row: number; header: number },
): RowKeys {
  const [active, setActive] = useState(0);
  const focusWanted = useRef<number | null>(null);

  useLayoutEffect(() => {
    if (focusWanted.current === null) return;
    const row = scroller.current?.querySelector<HTMLElement>(`tr[data-index="${focusWanted.current}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      focusWanted.current = null;
    }
  });

  const move = (event: KeyboardEvent<HTMLElement>, index: number) => {
    const perPage = Math.max(1, Math.floor(((scroller.current?.clientHeight ?? 400) - sizes.header) / sizes.row) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + perPage,
      PageUp: index - perPage,
      Home: 0,
      End: total - 1,
    };
    if (!(event.key in moves)) return false;
    event.preventDefault();
    const target = Math.max(0, Math.min(total - 1, moves[event.key]!));
    setActive(target);
    focusWanted.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
    return true;
  };

  const tabStop = (rendered: readonly number[]) => (rendered.includes(active) ? active : (rendered[0] ?? 0));

  return { active, setActive, move, tabStop };
}
