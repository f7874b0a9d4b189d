import { Table, Text, Title } from '@mantine/core';
import type { PurgePlan } from '../../../src-main/contract/retention';
import { formatCount } from '../common/format';
import './retention.css';

function CountTable({ caption, what, rows }: { caption: string; what: string; rows: { key: string; reads: number }[] }) {
  return (
    <div>
      <Title order={3} size="h5">
        {caption}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm">None.</Text>
      ) : (
        <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={caption}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{what}</Table.Th>
              <Table.Th scope="col" ta="right">
                Reads
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Td>{row.key}</Table.Td>
                <Table.Td ta="right">{formatCount(row.reads)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}

/** What the next purge destroys, counted every way a commander checks it, and what each hold keeps. */
export function PlanTables({ plan }: { plan: PurgePlan }) {
  return (
    <>
      <div className="cu-plan-grid">
        <CountTable caption="By capture day (UTC)" what="Day" rows={plan.byDay} />
        <CountTable caption="By camera" what="Camera" rows={plan.byCamera} />
        <CountTable caption="By import" what="Import" rows={plan.byImport} />
        <CountTable caption="By vendor" what="Vendor" rows={plan.byVendor} />
      </div>
      <Title order={3} size="h5">
        Kept by holds
      </Title>
      {plan.kept.length === 0 ? (
        <Text size="sm">No hold keeps a read that is past the retention period.</Text>
      ) : (
        <Table withTableBorder verticalSpacing={4} fz="sm" aria-label="Kept by holds">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Case</Table.Th>
              <Table.Th scope="col">Hold</Table.Th>
              <Table.Th scope="col">What it keeps</Table.Th>
              <Table.Th scope="col" ta="right">
                Reads kept
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.kept.map((k) => (
              <Table.Tr key={k.holdId}>
                <Table.Td>{k.caseNumber}</Table.Td>
                <Table.Td>{k.holdId}</Table.Td>
                <Table.Td>{k.holdLabel}</Table.Td>
                <Table.Td ta="right">{formatCount(k.reads)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
