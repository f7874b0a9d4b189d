import { Checkbox, VisuallyHidden } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import type { SearchHit } from '../../../src-main/contract/search';
import { formatLocalTime } from '../common/time';
import { SpacerRow, useVirtualRows } from '../common/use-virtual-rows';
import { cameraText, confidenceText } from '../common/read-text';
import type { Thumbnails } from './use-thumbnails';

/** Every row is exactly this tall (CSS holds it), so thousands of rows cost no measuring. */
const ROW_HEIGHT = 48;

interface Column {
  label: string;
  className: string;
  /** shown to screen readers only (the select-all checkbox and the thumbnail have no visible heading) */
  hiddenLabel?: boolean;
  numeric?: boolean;
}

function columns(fuzzy: boolean): Column[] {
  return [
    { label: 'Select', className: 'cu-col-select', hiddenLabel: true },
    { label: 'Image', className: 'cu-col-thumb', hiddenLabel: true },
    { label: 'Plate', className: 'cu-col-plate' },
    { label: 'State', className: 'cu-col-state' },
    { label: 'Captured', className: 'cu-col-captured' },
    { label: 'Camera', className: 'cu-col-camera' },
    { label: 'Confidence', className: 'cu-col-confidence', numeric: true },
    ...(fuzzy ? [{ label: 'How it differs', className: 'cu-col-difference' }] : []),
    { label: 'Import', className: 'cu-col-import' },
  ];
}

interface ResultsTableProps {
  hits: readonly SearchHit[];
  fuzzy: boolean;
  selected: ReadonlySet<number>;
  onToggle(readId: number): void;
  onToggleAll(): void;
  onOpen(index: number): void;
  thumbnails: Thumbnails;
}

/**
 * The hits as a real table whose body holds only the rows in view. Keyboard: Up/Down, Page
 * Up/Down, Home/End move; Enter opens the read; Space selects it. Thumbnails are asked for
 * only for the rows in view.
 */
export function ResultsTable({ hits, fuzzy, selected, onToggle, onToggleAll, onOpen, thumbnails }: ResultsTableProps) {
  const cols = columns(fuzzy);
  const { scroller, keys, items, tabStop, paddingTop, paddingBottom } = useVirtualRows(hits.length, {
    row: ROW_HEIGHT,
    overscan: 8,
    onRange: thumbnails.show,
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if (event.target !== event.currentTarget) return;
    if (keys.move(event, index)) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      keys.setActive(index);
      onOpen(index);
    } else if (event.key === ' ') {
      event.preventDefault();
      keys.setActive(index);
      onToggle(hits[index]!.id);
    }
  };

  const allSelected = hits.length > 0 && selected.size === hits.length;

  return (
    <div ref={scroller} className="cu-vtable-scroll cu-results-scroll">
      <table
        className={fuzzy ? 'cu-vtable cu-results-table cu-results-table--fuzzy' : 'cu-vtable cu-results-table'}
        aria-label="Plate reads found"
        aria-rowcount={hits.length + 1}
        aria-colcount={cols.length}
      >
        <colgroup>
          {cols.map((c) => (
            <col key={c.label} className={c.className} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {cols.map((c) =>
              c.label === 'Select' ? (
                <th key={c.label} scope="col">
                  <Checkbox
                    aria-label={allSelected ? 'Clear the selection' : `Select all ${hits.length} reads`}
                    checked={allSelected}
                    indeterminate={selected.size > 0 && !allSelected}
                    onChange={onToggleAll}
                  />
                </th>
              ) : (
                <th key={c.label} scope="col" className={c.numeric ? 'cu-num' : undefined}>
                  {c.hiddenLabel ? <VisuallyHidden>{c.label}</VisuallyHidden> : c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          <SpacerRow height={paddingTop} columns={cols.length} />
          {items.map((item) => {
            const hit = hits[item.index]!;
            const thumb = thumbnails.get(hit.id);
            const time = formatLocalTime(hit.capturedAt);
            return (
              <tr
                key={hit.id}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                tabIndex={item.index === tabStop ? 0 : -1}
                className="cu-vtable-row cu-results-row cu-focusable"
                aria-label={`${hit.plate}${hit.state ? ` (${hit.state})` : ''} at ${time}${hit.camera || hit.cameraLabel ? `, ${cameraText(hit)}` : ''}. Enter opens it, Space selects it`}
                onClick={() => {
                  keys.setActive(item.index);
                  onOpen(item.index);
                }}
                onKeyDown={(event) => onKeyDown(event, item.index)}
              >
                <td onClick={(event) => event.stopPropagation()}>
                  <Checkbox
                    tabIndex={-1}
                    aria-label={`Select ${hit.plate} at ${time}`}
                    checked={selected.has(hit.id)}
                    onChange={() => onToggle(hit.id)}
                  />
                </td>
                <td className="cu-thumb-cell">
                  {thumb ? (
                    <img src={thumb} alt={`Image of ${hit.plate}`} className="cu-thumb" />
                  ) : (
                    <span className="cu-thumb cu-thumb--empty" aria-label={thumb === null ? 'No image' : 'Image loading'} role="img">
                      {thumb === null ? 'none' : ''}
                    </span>
                  )}
                </td>
                <td className="cu-plate">{hit.plate}</td>
                <td>{hit.state ?? '—'}</td>
                <td title={`${hit.capturedAt} (UTC)`} className="cu-nowrap">
                  {time}
                </td>
                <td title={hit.camera ?? hit.cameraLabel ?? undefined}>{cameraText(hit)}</td>
                <td className="cu-num">{confidenceText(hit.confidence)}</td>
                {fuzzy && (
                  <td title={hit.difference ?? 'as typed'}>
                    {hit.distance === 0 ? (
                      <span className="cu-exact">as typed</span>
                    ) : (
                      <>
                        <span className="cu-distance" aria-label={`distance ${hit.distance}`}>
                          {hit.distance}
                        </span>{' '}
                        {hit.difference}
                      </>
                    )}
                  </td>
                )}
                <td title={`Import #${hit.importId}: ${hit.importFile}`}>#{hit.importId}</td>
              </tr>
            );
          })}
          <SpacerRow height={paddingBottom} columns={cols.length} />
        </tbody>
      </table>
    </div>
  );
}
