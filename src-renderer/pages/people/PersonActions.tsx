import { Button, Menu } from '@mantine/core';
import { IconCertificate, IconChevronDown, IconLock, IconLockOpen, IconUserOff } from '@tabler/icons-react';
import type { Account } from '../../../src-main/contract/schemas';
import { useMe } from '../../app/client-context';
import { usePermissions } from '../common/permissions';
import type { PeopleDialog } from './dialogs';

/**
 * The actions on one person, offered only when the person signed in holds a role that
 * permits them (the gate still decides, and the modal shows its refusal).
 */
export function PersonActions({ person, open }: { person: Account; open(dialog: PeopleDialog): void }) {
  const me = useMe();
  const { may, mayGrant } = usePermissions();
  const active = person.status === 'active';
  const self = person.username === me.username;
  const mayTrain = may('training.manage') && active;
  const mayConfidential = may('users.authorize-confidential') && active;
  const mayManage = may('users.manage') && active;
  const disableBlocked = self
    ? 'you cannot disable yourself'
    : person.roles.every(mayGrant)
      ? null
      : 'only a commander may disable someone with these roles';

  if (!mayTrain && !mayConfidential && !mayManage) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="xs"
          variant="default"
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label={`Actions for ${person.fullName}`}
        >
          Actions
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {mayTrain && (
          <Menu.Item
            leftSection={<IconCertificate size={16} aria-hidden />}
            onClick={() => open({ kind: 'training', username: person.username })}
          >
            Record training…
          </Menu.Item>
        )}
        {mayConfidential && (
          <Menu.Item
            leftSection={person.confidentialAuthorized ? <IconLock size={16} aria-hidden /> : <IconLockOpen size={16} aria-hidden />}
            onClick={() => open({ kind: 'confidential', person, authorize: !person.confidentialAuthorized })}
          >
            {person.confidentialAuthorized ? 'Revoke confidential data…' : 'Grant confidential data…'}
          </Menu.Item>
        )}
        {mayManage && (
          <Menu.Item
            color="red.9"
            leftSection={<IconUserOff size={16} aria-hidden />}
            disabled={disableBlocked !== null}
            onClick={() => open({ kind: 'disable', person })}
          >
            {disableBlocked ? `Disable (${disableBlocked})` : 'Disable…'}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
