import { ActionIcon, Alert, Autocomplete, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconFileText, IconPlayerPlay, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Hotlist, HotlistImportResult, HotlistMappingInput, HotlistProfile, HotlistSource } from '../../../src-main/contract/hotlists';
import { useMe } from '../../app/client-context';
import { ErrorAlert } from '../common/error-alert';
import { JobProgress } from '../common/job-progress';
import { DropZone } from '../common/DropZone';
import { SourceBadges } from '../common/hotlist-badges';
import { splitGateError } from '../common/field-errors';
import { formatBytes, formatCount, plural } from '../common/format';
import { SendingProgress } from '../common/SendingProgress';
import { RejectsTable } from '../common/RejectsTable';
import { useFieldErrors } from '../common/use-form-action';
import { HotlistMappingEditor } from './HotlistMappingEditor';
import { FORMAT_CHOICES, formatTitle, sourceChoices, WHO_GRANTS_CONFIDENTIAL, type FormatChoice } from './labels';
import { blankHotlistMapping, cleanHotlistMapping } from './mapping';
import { useHotlistImport } from './use-hotlist-import';

type Field = 'list' | 'listSource' | 'format' | 'profile' | 'plate' | 'mapping';
const ROUTES = {
  byPath: { list: 'list', listSource: 'listSource', format: 'format', profile: 'profile', mapping: 'mapping' },
  // The file's layout does not fit the mapping (a column it lacks): said beside the mapping.
  byCode: { 'hotlist-mapping': 'mapping' },
} as const;

/**
 * Import a hot list from a file: the list it goes into (an existing one, whose entries it
 * replaces, or a new one with its source), the format, or for an NCIC-style or state extract
 * the columns (mapped here from the file's first line, or a saved mapping), then a job with
 * progress and Cancel, and what it did: entries, rejects by line, entries retired, alerts raised.
 */
export function HotlistImportForm({
  lists,
  profiles,
  onImported,
  onProfileSaved,
}: {
  lists: Hotlist[];
  profiles: HotlistProfile[];
  onImported(): void;
  onProfileSaved(profile: HotlistProfile): void;
}) {
  const state = useHotlistImport(onImported);
  const { confidentialAuthorized } = useMe();
  const [list, setList] = useState('');
  const [listSource, setListSource] = useState<HotlistSource | null>(null);
  const [format, setFormat] = useState<FormatChoice>('detect');
  /** the saved mapping in use, by name; null once the columns are changed here (they are then given directly) */
  const [profile, setProfile] = useState<string | null>(null);
  const [mapping, setMapping] = useState<HotlistMappingInput>(blankHotlistMapping);
  const { fieldErrors: errors, setFieldErrors, clearField, check, formRef } = useFieldErrors<Field>();

  const existing = lists.find((l) => l.name.toLowerCase() === list.trim().toLowerCase());
  /** lists a person without the authorisation may not import into are not offered; typed by name, the gate refuses them */
  const offered = confidentialAuthorized ? lists : lists.filter((l) => !l.confidential);
  const isNew = list.trim() !== '' && !existing;
  const outcome = state.outcome;
  const failed = useMemo(() => (outcome?.kind === 'failed' ? splitGateError<Field>(outcome.error, ROUTES) : null), [outcome]);
  // The gate's refusal of the import, beside the fields it names; gone with the refusal (a new try, a changed format).
  useEffect(() => setFieldErrors(failed?.fields ?? {}), [failed, setFieldErrors]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check({
      list: !list.trim() && 'Name the list the entries go into: an existing one, or a new one.',
      listSource: isNew && !listSource && 'Say where the new list comes from.',
      plate: format === 'mapped' && !profile && !mapping.columns.plate && 'Choose the column that holds the plate.',
    });
    if (!checked) return;
    void state.run({
      list: list.trim(),
      ...(isNew && listSource ? { listSource } : {}),
      ...(format !== 'detect' ? { format } : {}),
      ...(format === 'mapped' ? (profile ? { profile } : { mapping: cleanHotlistMapping(mapping) }) : {}),
    });
  };

  return (
    <Stack gap="md">
      {!state.file && (
        <DropZone
          single
          onFiles={(files) => files[0] && state.choose(files[0])}
          title="Drop a hot-list file here"
          hint="A Genetec hot list (“;”, “:”, “,” or tab), a Vigilant-style CSV (Hot Plate, State, Alert), or an NCIC-style or state extract whose columns you map here."
        />
      )}
      {state.file && (
        <Paper withBorder p="md" component="section" aria-label={`Hot-list file ${state.file.name}`} className="cu-import-file">
          <form ref={formRef} onSubmit={submit} noValidate>
            <Stack gap="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Group gap="xs" wrap="nowrap" align="center" className="cu-import-file-title">
                  <IconFileText size={22} aria-hidden />
                  <Title order={3} size="h4" className="cu-break">
                    {state.file.name}
                  </Title>
                  <Text className="cu-muted cu-nowrap">{formatBytes(state.file.size)}</Text>
                </Group>
                {!state.importing && (
                  <ActionIcon variant="subtle" color="gray" aria-label={`Put ${state.file.name} away`} onClick={state.clear}>
                    <IconX size={18} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
              {!state.upload && !state.uploadError && <SendingProgress sent={state.sent} size={state.file.size} />}
              <ErrorAlert error={state.uploadError} title="The file could not be sent" />
              {state.upload && (
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600} component="span">
                    SHA-256:
                  </Text>
                  <span className="cu-hash" data-testid="upload-sha256">
                    {state.upload.sha256}
                  </span>
                </Group>
              )}

              {state.outcome?.kind !== 'done' && (
                <>
                  <div className="cu-import-settings">
                    <Autocomplete
                      label="List"
                      description="An existing list (its entries are replaced; the old ones are kept, retired) or a new name."
                      data={offered.map((l) => l.name)}
                      value={list}
                      onChange={(value) => {
                        setList(value);
                        clearField('list');
                        clearField('listSource');
                      }}
                      error={errors.list}
                      required
                      disabled={state.importing}
                      maxLength={80}
                    />
                    {isNew ? (
                      <Select
                        label="Source of the new list"
                        description={
                          confidentialAuthorized ? 'NCIC and state lists are confidential data (policy 427.4(e)).' : WHO_GRANTS_CONFIDENTIAL
                        }
                        data={sourceChoices(confidentialAuthorized)}
                        value={listSource}
                        onChange={(value) => {
                          setListSource(value as HotlistSource | null);
                          clearField('listSource');
                        }}
                        error={errors.listSource}
                        required
                        disabled={state.importing}
                      />
                    ) : existing ? (
                      <div>
                        <Text size="sm" fw={500}>
                          Source
                        </Text>
                        <Text size="sm" className="cu-muted" mb={4}>
                          The list keeps its own.
                        </Text>
                        <SourceBadges source={existing.source} />
                        {existing.confidential && !confidentialAuthorized && (
                          <Text size="sm" className="cu-problem" mt={4} data-testid="confidential-note">
                            {WHO_GRANTS_CONFIDENTIAL}
                          </Text>
                        )}
                      </div>
                    ) : null}
                    <Select
                      label="Format"
                      data={FORMAT_CHOICES}
                      value={format}
                      onChange={(value) => {
                        if (!value) return;
                        setFormat(value as FormatChoice);
                        clearField('format');
                        state.dismiss();
                      }}
                      allowDeselect={false}
                      error={errors.format}
                      disabled={state.importing}
                    />
                    {format === 'mapped' && (
                      <Select
                        label="Saved mapping"
                        description={
                          profiles.length === 0
                            ? 'None saved yet: describe the columns below, and save them for the next extract.'
                            : 'Choosing one fills in the columns below; change any to import with the columns as shown.'
                        }
                        data={[{ value: '', label: 'None: the columns below' }, ...profiles.map((p) => ({ value: p.name, label: p.name }))]}
                        value={profile ?? ''}
                        onChange={(value) => {
                          const saved = profiles.find((p) => p.name === value);
                          setProfile(saved ? saved.name : null);
                          if (saved) setMapping(saved.mapping);
                          clearField('profile');
                          clearField('plate');
                          clearField('mapping');
                          state.dismiss();
                        }}
                        allowDeselect={false}
                        error={errors.profile}
                        disabled={state.importing}
                      />
                    )}
                  </div>
                  {format === 'mapped' && (
                    <HotlistMappingEditor
                      fileName={state.file.name}
                      firstLine={state.firstLine}
                      mapping={mapping}
                      onChange={(next) => {
                        setMapping(next);
                        setProfile(null);
                        clearField('plate');
                        clearField('mapping');
                        state.dismiss();
                      }}
                      errors={{ plate: errors.plate, mapping: errors.mapping }}
                      disabled={state.importing}
                      onSaved={(saved) => {
                        onProfileSaved(saved);
                        setProfile(saved.name);
                        setMapping(saved.mapping);
                      }}
                    />
                  )}
                  {!state.importing && (
                    <Group gap="sm">
                      <Button type="submit" leftSection={<IconPlayerPlay size={18} aria-hidden />} disabled={!state.upload}>
                        Import the list
                      </Button>
                      <Text size="sm" className="cu-muted">
                        {state.upload
                          ? 'It runs as one job you can cancel; nothing changes unless it finishes.'
                          : 'Sending the file first…'}
                      </Text>
                    </Group>
                  )}
                </>
              )}

              {state.importing && (
                <Paper withBorder p="sm">
                  <JobProgress
                    label={`Importing ${state.file.name}`}
                    progress={state.progress}
                    onCancel={() => void state.cancel()}
                    cancelling={state.cancelling}
                  />
                </Paper>
              )}
              <div aria-live="polite">
                {state.outcome?.kind === 'cancelled' && (
                  <Alert color="gray" title="Import cancelled">
                    Nothing from {state.file.name} was imported: a hot-list import is all or nothing.
                  </Alert>
                )}
                {state.outcome?.kind === 'done' && <ImportResult result={state.outcome.result} file={state.file.name} />}
              </div>
              {failed && <ErrorAlert error={failed.rest} title={`${state.file.name} was not imported`} />}
              {state.outcome?.kind === 'done' && (
                <Group>
                  <Button variant="default" onClick={state.clear}>
                    Import another list
                  </Button>
                </Group>
              )}
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}

function ImportResult({ result, file }: { result: HotlistImportResult; file: string }) {
  return (
    <Paper withBorder p="md" className="cu-import-summary" data-testid="hotlist-import-result">
      <Stack gap="sm">
        <Title order={4}>
          Imported {file} into {result.list}
        </Title>
        <Text size="sm">Read as: {formatTitle(result.format)}</Text>
        <ul className="cu-counts" aria-label="Counts">
          <li>
            <span className="cu-count-value">{formatCount(result.entries)}</span> entries
          </li>
          <li>
            <span className="cu-count-value">{formatCount(result.rejected)}</span> rejected
          </li>
          <li>
            <span className="cu-count-value">{formatCount(result.retired)}</span> retired
          </li>
          <li>
            <span className="cu-count-value">{formatCount(result.alerts)}</span> alerts raised
          </li>
        </ul>
        <Text size="sm" data-testid="hotlist-import-sentence">
          {plural(result.entries, 'entry', 'entries')} now in the list
          {result.retired > 0
            ? `; ${plural(result.retired, 'entry', 'entries')} of its earlier version retired (kept, no longer matched)`
            : ''}
          .{' '}
          {result.alerts === 0
            ? 'No stored read matches the new entries.'
            : `${plural(result.alerts, 'stored read')} matched the new entries: see Alerts, and verify each before acting on it.`}
        </Text>
        {result.rejects.length > 0 && (
          <RejectsTable
            rejects={result.rejects}
            total={result.rejected}
            limit={result.rejects.length}
            label={`Rows of ${file} that were rejected`}
            moreNote={(more) => `and ${formatCount(more)} more, not listed here.`}
          />
        )}
      </Stack>
    </Paper>
  );
}
