import { Group, Text } from '@mantine/core';
import { ROLE_TITLES } from '../../../src-main/contract/roles';
import type { Account } from '../../../src-main/contract/schemas';
import { Badge } from '../common/badge';
import { formatLocalTime } from '../common/time';
import { roleName, sortRoles } from './role-names';

export function RoleBadges({ roles }: { roles: Account['roles'] }) {
  return (
    <Group gap={4}>
      {sortRoles(roles).map((role) => (
        <Badge key={role} title={ROLE_TITLES[role]}>
          {roleName(role)}
        </Badge>
      ))}
    </Group>
  );
}

/** Active or disabled, and a sign-in lock with the local time it ends. */
export function StatusBadge({ person }: { person: Pick<Account, 'status' | 'lockedUntil'> }) {
  if (person.status !== 'active') return <Badge tone="bad">Disabled</Badge>;
  return (
    <div>
      <Badge tone="ok">Active</Badge>
      {person.lockedUntil && (
        <Text size="sm" mt={2} className="cu-nowrap" data-testid="locked-until">
          <Badge tone="warn">Locked</Badge> until {formatLocalTime(person.lockedUntil)}
        </Text>
      )}
    </div>
  );
}

/** "Current" (with its end when that is within 30 days), or "Missing" with the courses named (the gate's full sentence on hover). */
export function TrainingCell({ training }: { training: Account['training'] }) {
  if (training.current && training.expiringSoon) {
    return (
      <div title={`Training lapses after ${training.expiresOn}.`}>
        <Badge tone="warn">Expiring</Badge>
        <Text size="sm" mt={2} className="cu-nowrap">
          Current until {training.expiresOn}
        </Text>
      </div>
    );
  }
  if (training.current) return <Badge tone="ok">Current</Badge>;
  return (
    <div title={training.detail}>
      <Badge tone="warn">Missing</Badge>
      <Text size="sm" mt={2}>
        {training.missing.join(', ')}
      </Text>
    </div>
  );
}

export function ConfidentialCell({ authorized }: { authorized: boolean }) {
  return authorized ? (
    <Badge tone="info" title="Authorised for confidential state and federal data (policy 427.4(e))">
      Authorised
    </Badge>
  ) : (
    <Text span size="sm" className="cu-muted">
      Not authorised
    </Text>
  );
}
