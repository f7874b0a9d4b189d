import { ActionIcon, Alert, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileText, IconX } from '@tabler/icons-react';
import { useId, useState } from 'react';
import {
  MAPPING_KINDS,
  mappingKind,
  type ColumnMappingInput,
  type ImportPreview,
  type ImportProfile,
  type ImportRecord,
} from '../../../src-main/contract/imports';
import { GateError } from '../../client/gate-error';
import { ErrorAlert } from '../common/error-alert';
import { JobProgress } from '../common/job-progress';
import { Badge } from '../common/badge';
import { SendingProgress } from '../common/SendingProgress';
import { formatBytes, formatCount, plural } from '../common/format';
import { LocalTime } from '../common/time';
import { ImportSummaryView } from './ImportSummary';
import { SheetsPlanTable } from './WorkbookSheets';
import { MappingEditor } from './MappingEditor';
import { blankMapping, cleanMapping, formatForMapping, readByMapping, timeZones, VENDOR_CHOICES, type VendorChoice } from './model';
import { RejectsTable } from '../common/RejectsTable';
import type { FileSettings, QueuedFile } from './use-import-queue';

/** The gate's refusal of a preview, by the input path of each refused field ("mapping.columns.plate"). */
function issuesByPath(error: unknown): Partial<Record<string, string>> {
  if (!(error instanceof GateError)) return {};
  return Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]));
}

/** One file added for import: sending it, what was detected, the preview and mapping, then its import and summary. */
export function FileCard({
  file,
  profiles,
  onProfileSaved,
  onRepreview,
  onRemove,
  onCancel,
}: {
  file: QueuedFile;
  profiles: ImportProfile[];
  onProfileSaved(profile: ImportProfile): void;
  onRepreview(settings: FileSettings): void;
  onRemove(): void;
  onCancel(): void;
}) {
  const headingId = useId();
  const sending = file.upload === null && file.uploadError === null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} className="cu-import-file" data-file={file.name}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="nowrap" align="center" className="cu-import-file-title">
            <IconFileText size={22} aria-hidden />
            <Title order={3} size="h4" id={headingId} className="cu-break">
              {file.name}
            </Title>
            <Text className="cu-muted cu-nowrap">{formatBytes(file.size)}</Text>
            <FileStatus file={file} />
          </Group>
          {!file.importing && (
            <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${file.name} from the list`} onClick={onRemove}>
              <IconX size={18} aria-hidden />
            </ActionIcon>
          )}
        </Group>

        {sending && <SendingProgress sent={file.sent} size={file.size} />}
        <ErrorAlert error={file.uploadError} title="The file could not be sent" />

        {file.upload && file.outcome?.kind !== 'committed' && (
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={600} component="span">
              SHA-256:
            </Text>
            <span className="cu-hash" data-testid="upload-sha256">
              {file.upload.sha256}
            </span>
          </Group>
        )}

        {file.upload && file.outcome?.kind !== 'committed' && file.importedBefore.length > 0 && (
          <ImportedBefore name={file.name} earlier={file.importedBefore} />
        )}

        {/* Once imported, the summary says what matters; the preview and its settings are put away. */}
        {file.upload && file.outcome?.kind !== 'committed' && (file.preview || file.previewError || file.previewing) && (
          <PreviewSection file={file} profiles={profiles} onProfileSaved={onProfileSaved} onRepreview={onRepreview} />
        )}

        {file.importing && (
          <Paper withBorder p="sm">
            <JobProgress label={`Importing ${file.name}`} progress={file.progress} onCancel={onCancel} cancelling={file.cancelling} />
          </Paper>
        )}
        <div aria-live="polite">
          {file.outcome?.kind === 'cancelled' && (
            <Alert color="gray" title="Import cancelled">
              Nothing from {file.name} was imported: an import is all or nothing. Press Import to start it, and any file after it, again.
            </Alert>
          )}
          {file.outcome?.kind === 'committed' && <ImportSummaryView summary={file.outcome.summary} />}
        </div>
        {file.outcome?.kind === 'failed' && <ErrorAlert error={file.outcome.error} title={`${file.name} was not imported`} />}
      </Stack>
    </Paper>
  );
}

/**
 * This very file (by its SHA-256) was imported before: said before it is imported again. It can
 * still be imported; what it holds is counted as duplicates, nothing is stored twice.
 */
function ImportedBefore({ name, earlier }: { name: string; earlier: ImportRecord[] }) {
  return (
    <Alert color="yellow" title="This file was imported before" data-testid="imported-before">
      <Stack gap={4}>
        <Text size="sm">
          {name} has the same SHA-256 as {earlier.length === 1 ? 'an earlier import' : `${earlier.length} earlier imports`}. Importing it
          again stores nothing already held: its rows are counted as duplicates.
        </Text>
        <ul className="cu-import-list">
          {earlier.map((r) => (
            <li key={r.importId}>
              <Text size="sm" component="span">
                Import #{r.importId}, {r.file}, on <LocalTime iso={r.finishedAt ?? r.startedAt} /> by {r.importedBy}:{' '}
                {plural(r.imported, 'row')} imported
              </Text>
            </li>
          ))}
        </ul>
      </Stack>
    </Alert>
  );
}

function FileStatus({ file }: { file: QueuedFile }) {
  if (file.uploadError) return <Badge tone="bad">Not sent</Badge>;
  if (!file.upload) return <Badge tone="info">Sending</Badge>;
  if (file.importing) return <Badge tone="info">Importing</Badge>;
  if (file.outcome?.kind === 'committed') return <Badge tone="ok">Imported</Badge>;
  if (file.outcome?.kind === 'cancelled') return <Badge tone="warn">Cancelled</Badge>;
  if (file.outcome?.kind === 'failed') return <Badge tone="bad">Failed</Badge>;
  if (file.previewing) return <Badge tone="info">Reading</Badge>;
  if (file.preview && file.preview.format === null) return <Badge tone="warn">Needs a mapping</Badge>;
  if (file.preview) return <Badge>Ready to import</Badge>;
  return null;
}

function PreviewSection({
  file,
  profiles,
  onProfileSaved,
  onRepreview,
}: {
  file: QueuedFile;
  profiles: ImportProfile[];
  onProfileSaved(profile: ImportProfile): void;
  onRepreview(settings: FileSettings): void;
}) {
  const { preview, settings } = file;
  const [draft, setDraft] = useState<ColumnMappingInput | null>(null);
  const locked = file.importing || file.outcome?.kind === 'committed';
  const mappingFromProfile = settings.profile ? (profiles.find((p) => p.name === settings.profile)?.mapping ?? null) : null;
  const editing: ColumnMappingInput = draft ?? settings.mapping ?? mappingFromProfile ?? preview?.suggestedMapping ?? blankMapping();
  const errors = issuesByPath(file.previewError);
  const showEditor = preview !== null && readByMapping(preview) && !locked;

  const change = (next: Partial<FileSettings>) => onRepreview({ ...settings, ...next });

  return (
    <Stack gap="md">
      <div className="cu-import-settings">
        <Select
          label="Read it as"
          data={VENDOR_CHOICES}
          value={settings.vendor}
          onChange={(value) => value && change({ vendor: value as VendorChoice })}
          allowDeselect={false}
          disabled={locked}
        />
        <Select
          label="Time zone for times written without one"
          data={timeZones()}
          value={settings.timezone}
          onChange={(value) => value && change({ timezone: value })}
          searchable
          allowDeselect={false}
          limit={50}
          nothingFoundMessage="No time zone by that name"
          disabled={locked}
        />
        {preview !== null && readByMapping(preview) && (
          <Select
            label="Saved mapping profile"
            data={[
              { value: '', label: 'None' },
              // a plate-read profile by its name, as always; one for an audit says which
              ...profiles.map((p) => {
                const kind = mappingKind(p.mapping);
                return { value: p.name, label: kind === 'plate-reads' ? p.name : `${p.name} (${MAPPING_KINDS[kind].title})` };
              }),
            ]}
            value={settings.profile ?? ''}
            onChange={(value) => {
              setDraft(null);
              const chosen = profiles.find((p) => p.name === value);
              change({
                profile: chosen ? chosen.name : null,
                mapping: null,
                ...(chosen && { vendor: formatForMapping(chosen.mapping, settings.vendor) }),
              });
            }}
            allowDeselect={false}
            disabled={locked}
          />
        )}
      </div>

      {file.previewing && !preview && <Text>Reading the first rows…</Text>}
      <ErrorAlert
        error={
          Object.keys(errors).length > 0 && !showEditor ? file.previewError : Object.keys(errors).length > 0 ? null : file.previewError
        }
        title="The file could not be previewed"
      />
      {Object.keys(errors).length > 0 && showEditor && (
        <Alert color="yellow" title="Please check the mapping">
          {Object.values(errors).join(' ')}
        </Alert>
      )}

      {preview && <Detection preview={preview} />}
      {preview && <SheetsPlanTable sheets={preview.sheets} fileName={file.name} />}

      {showEditor && (
        <MappingEditor
          fileName={file.name}
          columns={preview.columns}
          mapping={editing}
          onChange={setDraft}
          previewing={file.previewing}
          errors={errors}
          onPreview={() => {
            const mapping = cleanMapping(editing);
            setDraft(null);
            // A file read by a mapping is read as what the mapping describes (plate reads: CSV).
            change({ mapping, profile: null, vendor: formatForMapping(mapping, settings.vendor) });
          }}
          onSaved={(profile) => {
            onProfileSaved(profile);
            setDraft(null);
            change({ profile: profile.name, mapping: null, vendor: formatForMapping(profile.mapping, settings.vendor) });
          }}
        />
      )}

      {preview &&
        (preview.format === null && preview.rows.length === 0 ? (
          <Text>The first rows show here once the columns are described: choose them above, then press Preview again.</Text>
        ) : (
          <PreviewRows preview={preview} fileName={file.name} />
        ))}
      {preview && preview.rejects.length > 0 && (
        <div>
          <Title order={4} mb={4}>
            Rows that would be rejected
          </Title>
          <RejectsTable rejects={preview.rejects} label={`Rows of ${file.name} that would be rejected`} />
        </div>
      )}
    </Stack>
  );
}

function Detection({ preview }: { preview: ImportPreview }) {
  return (
    <dl className="cu-import-facts">
      <dt>Detected format</dt>
      <dd data-testid="detected-format">{preview.formatTitle ?? 'Not recognised: describe its columns below'}</dd>
      <dt>How it was chosen</dt>
      <dd data-testid="detection">{preview.detection}</dd>
    </dl>
  );
}

function PreviewRows({ preview, fileName }: { preview: ImportPreview; fileName: string }) {
  if (preview.rows.length === 0) return <Text>No rows to show from the start of this file.</Text>;
  const columns = [...new Set(preview.rows.flatMap((row) => Object.keys(row.values)))];
  // rows from more than one sheet say which (a line is the sheet's row)
  const bySheet = new Set(preview.rows.map((row) => row.sheet)).size > 1;
  return (
    <div>
      <Title order={4} mb={4}>
        The first {plural(preview.rows.length, 'row')} as they would be stored
      </Title>
      <div className="cu-preview-scroll" tabIndex={0} role="region" aria-label={`First rows of ${fileName}, scrollable`}>
        <Table
          aria-label={`First rows of ${fileName} as they would be stored`}
          className="cu-preview-table"
          verticalSpacing={4}
          withColumnBorders
        >
          <Table.Thead>
            <Table.Tr>
              {bySheet && <Table.Th scope="col">Sheet</Table.Th>}
              <Table.Th scope="col" className="cu-num">
                Line
              </Table.Th>
              {columns.map((column) => (
                <Table.Th scope="col" key={column}>
                  {column}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map((row) => (
              <Table.Tr key={`${row.sheet ?? ''}:${row.line}`}>
                {bySheet && <Table.Td>{row.sheet}</Table.Td>}
                <Table.Td className="cu-num">{formatCount(row.line)}</Table.Td>
                {columns.map((column) => (
                  <Table.Td key={column}>{row.values[column] ?? <span className="cu-muted">—</span>}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </div>
  );
}
