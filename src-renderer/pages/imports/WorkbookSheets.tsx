import { Table, Text, Title } from '@mantine/core';
import { IMPORT_FORMATS, type ImportSheet, type SheetPlan } from '../../../src-main/contract/imports';
import { IMPORT_COUNT_COLUMNS, ImportCountCells, ImportCountHeaders } from './ImportCounts';

// A workbook's sheets, in tab order: which are (or will be) imported, and why the others are not.

/** Before the import: each sheet and what will be done with it. Nothing is shown for a file that is not a workbook of several sheets. */
export function SheetsPlanTable({ sheets, fileName }: { sheets: SheetPlan[] | null; fileName: string }) {
  if (!sheets || sheets.length < 2) return null;
  const read = sheets.filter((sheet) => sheet.format).length;
  return (
    <div data-testid="sheets-plan">
      <Title order={4} mb={4}>
        Sheets: {read} of {sheets.length} will be imported
      </Title>
      <Table.ScrollContainer minWidth={480}>
        <Table aria-label={`Sheets of ${fileName}`} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Sheet</Table.Th>
              <Table.Th scope="col">What will be done</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sheets.map((sheet) => (
              <Table.Tr key={sheet.name}>
                <Table.Th scope="row" className="cu-sheet-name">
                  {sheet.name}
                </Table.Th>
                <Table.Td>
                  {sheet.format ? `Imported, read as ${IMPORT_FORMATS[sheet.format].title}` : `Skipped: ${sheet.skipped}`}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}

/** After the import: each sheet's counts, which add up to the import's, or why it was skipped. */
export function SheetsCountsTable({ sheets, fileName }: { sheets: ImportSheet[] | null; fileName: string }) {
  if (!sheets || sheets.length < 2) return null;
  return (
    <div data-testid="sheets-counts">
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label={`What was done with each sheet of ${fileName}`} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Sheet</Table.Th>
              <ImportCountHeaders />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sheets.map((sheet) => (
              <Table.Tr key={sheet.name}>
                <Table.Th scope="row" className="cu-sheet-name">
                  {sheet.name}
                </Table.Th>
                {sheet.format ? (
                  <ImportCountCells counts={sheet} />
                ) : (
                  <Table.Td colSpan={IMPORT_COUNT_COLUMNS}>
                    <Text size="sm" span>
                      Skipped: {sheet.skipped}
                    </Text>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
