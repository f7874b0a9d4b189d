import { Alert, Loader, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import type { Settings } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { plural } from '../common/format';
import { roleList, usePermissions } from '../common/permissions';
import { SuccessNotice } from '../common/success-notice';
import { useGateData } from '../common/use-gate-data';
import { SettingsForm } from './SettingsForm';
import { SettingsView } from './SettingsView';
import { SigningSection } from '../signing/SigningSection';
import '../common/pages.css';
import './settings.css';

/** Workspace settings: the required training courses, the idle lock and the purposes that state nothing. Editable with `settings.manage`. */
export function SettingsPage() {
  const gate = useGate();
  const { may, rolesFor } = usePermissions();
  const mayEdit = may('settings.manage');
  const settings = useGateData(() => gate.call('settings.get', {}), [gate]);
  const [notice, setNotice] = useState<string | null>(null);
  // What the gate stored at the last save; a new key then starts the form from it.
  const [saved, setSaved] = useState<{ settings: Settings; count: number } | null>(null);
  const current = saved?.settings ?? settings.data;

  return (
    <Stack className="cu-page">
      <div>
        <Title order={1}>Settings</Title>
        <Text className="cu-muted">These apply to everyone who uses this workspace.</Text>
      </div>
      {!mayEdit && (
        <Alert color="gray" icon={<IconLock aria-hidden />} title="Read-only">
          Only {roleList(rolesFor('settings.manage'))} may change these settings.
        </Alert>
      )}
      <SuccessNotice message={notice} onClose={() => setNotice(null)} />
      <ErrorAlert error={settings.error} title="Could not read the settings" />
      {!current ? (
        !settings.error && <Loader aria-label="Loading the settings" />
      ) : mayEdit ? (
        <SettingsForm
          key={saved?.count ?? 0}
          settings={current}
          onSaved={(next) => {
            setNotice(
              `Settings saved: ${plural(next.requiredCourses.length, 'required course')}; the screen locks after ${plural(next.idleMinutes, 'idle minute')}. ${plural(next.vaguePurposes.length, 'purpose')} refused as stating nothing.`,
            );
            setSaved((last) => ({ settings: next, count: (last?.count ?? 0) + 1 }));
          }}
        />
      ) : (
        <SettingsView settings={current} />
      )}
      {current && <SigningSection department={current.departmentName} />}
    </Stack>
  );
}
