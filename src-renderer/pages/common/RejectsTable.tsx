import { Table, Text } from '@mantine/core';
import type { Reject } from '../../../src-main/contract/imports';
import { formatCount } from './format';

/** Rows refused: the line in the file, the column at fault, and why, in the pipeline's own words. */
export function RejectsTable({
  rejects,
  label,
  total,
  limit = 10,
  moreNote = (more) => `and ${formatCount(more)} more: download them all as CSV.`,
}: {
  rejects: Reject[];
  label: string;
  total?: number;
  limit?: number;
  /** what to say of the rejects not listed (the Hot lists page has no download) */
  moreNote?: (more: number) => string;
}) {
  if (rejects.length === 0) return null;
  const shown = rejects.slice(0, limit);
  const more = (total ?? rejects.length) - shown.length;
  return (
    <div>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label={label} className="cu-rejects-table" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" className="cu-num">
                Line
              </Table.Th>
              <Table.Th scope="col">Column</Table.Th>
              <Table.Th scope="col">Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((reject, index) => (
              <Table.Tr key={`${reject.line}-${index}`}>
                <Table.Td className="cu-num">{formatCount(reject.line)}</Table.Td>
                <Table.Td className="cu-mono">{reject.column ?? 'the whole row'}</Table.Td>
                <Table.Td>{reject.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more > 0 && (
        <Text size="sm" className="cu-muted" mt={4}>
          {moreNote(more)}
        </Text>
      )}
    </div>
  );
}
