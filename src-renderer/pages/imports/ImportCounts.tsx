import { Table } from '@mantine/core';
import { formatCount } from '../common/format';

// An import's four counts as table columns, in the order the accounting sentence gives them:
// the history's rows and the per-sheet counts show the same columns the same way.

interface Counts {
  read: number;
  imported: number;
  duplicates: number;
  rejected: number;
}

export const IMPORT_COUNT_COLUMNS = 4;

export function ImportCountHeaders() {
  return (
    <>
      {['Read', 'Imported', 'Duplicates', 'Rejected'].map((name) => (
        <Table.Th key={name} scope="col" className="cu-num">
          {name}
        </Table.Th>
      ))}
    </>
  );
}

export function ImportCountCells({ counts }: { counts: Counts }) {
  return (
    <>
      <Table.Td className="cu-num">{formatCount(counts.read)}</Table.Td>
      <Table.Td className="cu-num">{formatCount(counts.imported)}</Table.Td>
      <Table.Td className="cu-num">{formatCount(counts.duplicates)}</Table.Td>
      <Table.Td className="cu-num">{formatCount(counts.rejected)}</Table.Td>
    </>
  );
}
