import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useGate } from '../../app/gate';
import { replaceRouteQuery, useRouteQuery } from '../../app/route';
import { ErrorAlert } from '../common/error-alert';
import { DropZone } from '../common/DropZone';
import { plural } from '../common/format';
import { NotAvailable } from '../common/NotAvailable';
import { usePermissions } from '../common/permissions';
import { useGateData } from '../common/use-gate-data';
import { FileCard } from './FileCard';
import { ImportDrawer } from './ImportDrawer';
import { ImportHistory } from './ImportHistory';
import { TimeZoneNote } from '../common/time';
import { WorkingOn } from '../common/WorkingOn';
import { useImportQueue } from './use-import-queue';
import '../common/pages.css';
import './imports.css';

/** Imports (policy 427.5): bring vendor exports into the encrypted store, and see every import made. */
export function ImportsPage() {
  const { may } = usePermissions();
  const heading = (
    <div>
      <Title order={1}>Imports</Title>
      <Text className="cu-muted">
        Bring vendor exports into this workstation's encrypted store (policy 427.5). Each file is imported whole or not at all, and a read
        already held is counted, not stored twice.
      </Text>
      <TimeZoneNote />
    </div>
  );
  if (!may('imports.read') && !may('imports.run')) {
    return <NotAvailable heading={heading} permission="imports.run" doing="import vendor files or read the import history" />;
  }
  return <Imports heading={heading} mayRun={may('imports.run')} mayRead={may('imports.read')} />;
}

/** Whether the route's query asks for the imports with rejected rows only (`rejects=only`). */
const withRejectsIn = (query: string) => new URLSearchParams(query).get('rejects') === 'only';

function Imports({ heading, mayRun, mayRead }: { heading: ReactNode; mayRun: boolean; mayRead: boolean }) {
  const gate = useGate();
  // `#/imports?rejects=only` (the home screen's tile): the history of the imports that rejected rows
  const route = useRouteQuery();
  const [onlyWithRejects, setOnlyWithRejects] = useState(() => withRejectsIn(route.query));
  useEffect(() => setOnlyWithRejects(withRejectsIn(route.query)), [route]);
  const history = useGateData(
    () => gate.call('import.list', { limit: 200, ...(onlyWithRejects ? { withRejects: true } : {}) }),
    [gate, onlyWithRejects],
    mayRead,
  );
  const profiles = useGateData(() => gate.call('importProfile.list', {}), [gate], mayRun);
  const queue = useImportQueue(() => void history.reload(), mayRead);
  const [opened, setOpened] = useState<number | null>(null);
  const ready = queue.ready.length;

  return (
    <Stack className="cu-page cu-imports" gap="lg">
      {heading}
      {/* previews and an import's reads are ALPR data, opened under the case in use */}
      <WorkingOn />
      {mayRun && (
        <section aria-labelledby="cu-import-add">
          <Stack gap="md">
            <Title order={2} id="cu-import-add" size="h3">
              Add files
            </Title>
            <DropZone onFiles={queue.add} />
            <ErrorAlert error={profiles.error} title="Could not read the saved mapping profiles" />
            {queue.files.map((file) => (
              <FileCard
                key={file.key}
                file={file}
                profiles={profiles.data ?? []}
                onProfileSaved={() => void profiles.reload()}
                onRepreview={(settings) => void queue.repreview(file.key, settings)}
                onRemove={() => queue.remove(file.key)}
                onCancel={() => void queue.cancel(file.key)}
              />
            ))}
            {queue.files.length > 0 && (
              <Group gap="sm">
                <Button
                  leftSection={<IconPlayerPlay size={18} aria-hidden />}
                  onClick={() => void queue.importAll()}
                  disabled={ready === 0 || queue.running}
                  loading={queue.running}
                >
                  {ready > 1 ? `Import ${plural(ready, 'file')}` : 'Import'}
                </Button>
                <Text size="sm" className="cu-muted">
                  {queue.running
                    ? 'Importing one file at a time.'
                    : ready === 0
                      ? 'Nothing is ready to import yet.'
                      : `${plural(ready, 'file')} ready, imported one at a time, each as one job you can cancel.`}
                </Text>
              </Group>
            )}
          </Stack>
        </section>
      )}
      {mayRead && (
        <ImportHistory
          history={history}
          onOpen={setOpened}
          onlyWithRejects={onlyWithRejects}
          onOnlyWithRejects={(only) => {
            setOnlyWithRejects(only);
            replaceRouteQuery(new URLSearchParams(only ? { rejects: 'only' } : {}));
          }}
        />
      )}
      <ImportDrawer importId={opened} onClose={() => setOpened(null)} />
    </Stack>
  );
}
