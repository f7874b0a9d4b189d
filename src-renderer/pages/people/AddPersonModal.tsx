import { Button, Checkbox, Group, Modal, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ROLE_GRANTERS } from '../../../src-main/contract/permissions';
import { ROLES, ROLE_TITLES, type Role } from '../../../src-main/contract/roles';
import type { Account } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { usePermissions, roleList } from '../common/permissions';
import { useFormAction } from '../common/use-form-action';

type Field = 'username' | 'fullName' | 'roles' | 'password' | 'confirm';

const ROUTES = {
  byCode: { 'weak-password': 'password', 'username-taken': 'username', 'cannot-grant-role': 'roles' },
  byPath: { username: 'username', fullName: 'fullName', roles: 'roles', password: 'password' },
} as const;

/** Add a person: username, full name, roles, an initial password (twice) and, for a commander, the confidential flag. */
export function AddPersonModal({ opened, onClose, onAdded }: { opened: boolean; onClose(): void; onAdded(person: Account): void }) {
  const gate = useGate();
  const { may, mayGrant } = usePermissions();
  const mayAuthorize = may('users.authorize-confidential');
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [confidential, setConfidential] = useState(false);
  const action = useFormAction<Field>(ROUTES);
  const { fieldErrors, formRef, clearField } = action;
  const notMine = ROLES.filter((role) => !mayGrant(role));
  const grantersOfNotMine = [...new Set(notMine.flatMap((role) => ROLE_GRANTERS[role]))];

  const reset = () => {
    setUsername('');
    setFullName('');
    setRoles([]);
    setPassword('');
    setConfirm('');
    setConfidential(false);
    action.clear();
  };
  const close = () => {
    reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.clear();
    const checked = action.check({
      username: !username.trim() && 'Give the username.',
      fullName: !fullName.trim() && 'Give the full name.',
      roles: roles.length === 0 && 'Choose at least one role.',
      password: !password && 'Give an initial password.',
      confirm: !confirm ? 'Type the password again.' : password !== confirm && 'The two passwords are not the same.',
    });
    if (!checked) return;
    void action.run(async () => {
      const added = await gate.call('user.add', {
        username,
        fullName,
        roles,
        password,
        ...(mayAuthorize ? { confidentialAuthorized: confidential } : {}),
      });
      reset();
      onAdded(added);
    });
  };

  return (
    <Modal opened={opened} onClose={close} title="Add a person" size="lg">
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Username"
            description="2 to 32 letters, digits, dots, dashes or underscores, starting with a letter"
            required
            data-autofocus
            autoComplete="off"
            value={username}
            onChange={(e) => {
              setUsername(e.currentTarget.value);
              clearField('username');
            }}
            error={fieldErrors.username}
          />
          <TextInput
            label="Full name"
            required
            autoComplete="off"
            value={fullName}
            onChange={(e) => {
              setFullName(e.currentTarget.value);
              clearField('fullName');
            }}
            error={fieldErrors.fullName}
          />
          <Checkbox.Group
            label="Roles"
            description={
              notMine.length > 0
                ? `Choose at least one. The greyed-out roles can be given only by ${roleList(grantersOfNotMine)}.`
                : 'Choose at least one.'
            }
            required
            value={roles}
            onChange={(value) => {
              setRoles(value as Role[]);
              clearField('roles');
            }}
            error={fieldErrors.roles}
          >
            <Stack gap={6} mt={6}>
              {ROLES.map((role) => (
                <Checkbox key={role} value={role} label={ROLE_TITLES[role]} disabled={!mayGrant(role)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <PasswordInput
            label="Initial password"
            description="At least 12 characters, not a commonly used password. Tell it to the person privately."
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              clearField('password');
            }}
            error={fieldErrors.password}
            // Mantine's PasswordInput does not mark its input invalid itself.
            aria-invalid={fieldErrors.password ? true : undefined}
          />
          <PasswordInput
            label="Confirm the password"
            required
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => {
              setConfirm(e.currentTarget.value);
              clearField('confirm');
            }}
            error={fieldErrors.confirm}
            aria-invalid={fieldErrors.confirm ? true : undefined}
          />
          {mayAuthorize && (
            <Checkbox
              label="Authorised for confidential state and federal data (policy 427.4(e))"
              checked={confidential}
              onChange={(e) => setConfidential(e.currentTarget.checked)}
            />
          )}
          <ErrorAlert error={action.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={action.busy}>
              Add person
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
