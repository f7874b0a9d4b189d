import { ActionIcon, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import type { Account } from '../../../src-main/contract/schemas';
import { usePermissions } from '../common/permissions';
import type { PeopleDialog } from './dialogs';
import { ConfidentialCell, RoleBadges, StatusBadge, TrainingCell } from './person-cells';
import { PersonActions } from './PersonActions';
import { TrainingRecords } from './TrainingRecords';
import './people.css';

const COLUMNS = 7;

/** Everyone who has an account, with their training; a row opens to show the training records. */
export function PeopleTable({
  people,
  open,
  trainingVersion,
}: {
  people: Account[];
  open(dialog: PeopleDialog): void;
  trainingVersion: number;
}) {
  const { may } = usePermissions();
  const mayReadTraining = may('training.read');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (username: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(username)) next.add(username);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="People" className="cu-people-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={48}>
              <VisuallyHidden>Training records</VisuallyHidden>
            </Table.Th>
            <Table.Th scope="col">Person</Table.Th>
            <Table.Th scope="col">Roles</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Training</Table.Th>
            <Table.Th scope="col" className="cu-nowrap">
              Confidential data
            </Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((person) => {
            const isOpen = expanded.has(person.username);
            const detailId = `cu-training-${person.username}`;
            return (
              <Fragment key={person.username}>
                <Table.Tr data-username={person.username}>
                  <Table.Td>
                    {mayReadTraining && (
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-expanded={isOpen}
                        aria-controls={isOpen ? detailId : undefined}
                        aria-label={`${isOpen ? 'Hide' : 'Show'} the training records of ${person.fullName}`}
                        onClick={() => toggle(person.username)}
                      >
                        {isOpen ? <IconChevronDown size={18} aria-hidden /> : <IconChevronRight size={18} aria-hidden />}
                      </ActionIcon>
                    )}
                  </Table.Td>
                  <Table.Th scope="row" fw={400}>
                    <Text fw={600} size="sm" className="cu-nowrap">
                      {person.fullName}
                    </Text>
                    <Text size="sm" className="cu-muted">
                      {person.username}
                    </Text>
                  </Table.Th>
                  <Table.Td>
                    <RoleBadges roles={person.roles} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge person={person} />
                  </Table.Td>
                  <Table.Td>
                    <TrainingCell training={person.training} />
                  </Table.Td>
                  <Table.Td>
                    <ConfidentialCell authorized={person.confidentialAuthorized} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <PersonActions person={person} open={open} />
                  </Table.Td>
                </Table.Tr>
                {isOpen && (
                  <Table.Tr id={detailId} className="cu-detail-row">
                    <Table.Td colSpan={COLUMNS}>
                      <TrainingRecords username={person.username} fullName={person.fullName} version={trainingVersion} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
