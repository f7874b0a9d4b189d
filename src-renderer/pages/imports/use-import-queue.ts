import { useCallback, useRef, useState } from 'react';
import type { ColumnMappingInput, ImportPreview, ImportRecord, ImportRequest, ImportSummary } from '../../../src-main/contract/imports';
import type { JobProgress, UploadedFile } from '../../../src-main/contract/transport';
import { useClient } from '../../app/client-context';
import { useGate } from '../../app/gate';
import { GateError } from '../../client/gate-error';
import { workstationZone, type VendorChoice } from './model';

/** What the person chose for one file: the format (or detection), the zone for times without one, and how its columns map. */
export interface FileSettings {
  vendor: VendorChoice;
  timezone: string;
  /** a saved profile by name; its mapping is what the editor shows */
  profile: string | null;
  /** a mapping from the editor (used when no profile is chosen) */
  mapping: ColumnMappingInput | null;
}

export type Outcome = { kind: 'committed'; summary: ImportSummary } | { kind: 'cancelled' } | { kind: 'failed'; error: unknown };

export interface QueuedFile {
  key: number;
  name: string;
  size: number;
  /** bytes sent so far */
  sent: number;
  upload: UploadedFile | null;
  uploadError: unknown;
  /** committed imports of this very file (same SHA-256), newest first: it is warned about before importing again */
  importedBefore: ImportRecord[];
  settings: FileSettings;
  previewing: boolean;
  preview: ImportPreview | null;
  /** the settings the shown preview was made with */
  previewedWith: FileSettings | null;
  previewError: unknown;
  importing: boolean;
  progress: JobProgress | null;
  cancelling: boolean;
  outcome: Outcome | null;
}

export interface ImportQueue {
  files: QueuedFile[];
  add(files: readonly File[]): void;
  remove(key: number): void;
  /** change a file's settings and preview it again with them */
  repreview(key: number, settings: FileSettings): Promise<void>;
  /** the files that can be imported now */
  ready: QueuedFile[];
  running: boolean;
  importAll(): Promise<void>;
  cancel(key: number): Promise<void>;
}

/** The import request for a file as it is set up now. */
function requestFor(upload: UploadedFile, settings: FileSettings): ImportRequest {
  return {
    source: { uploadId: upload.uploadId },
    vendor: settings.vendor,
    timezone: settings.timezone,
    ...(settings.profile ? { profile: settings.profile } : settings.mapping ? { mapping: settings.mapping } : {}),
  };
}

/**
 * Files added for import: each is sent (sealed on the other side), looked up by its SHA-256
 * among the earlier imports (when the person may read the history), previewed, then imported
 * in turn, one job per file.
 */
export function useImportQueue(onImported: () => void, mayReadHistory: boolean): ImportQueue {
  const client = useClient();
  const gate = useGate();
  const [files, setFiles] = useState<QueuedFile[]>([]);
  const latest = useRef<QueuedFile[]>([]);
  latest.current = files;
  const nextKey = useRef(1);
  const [running, setRunning] = useState(false);
  const jobs = useRef(new Map<number, { cancel(): Promise<void> } | 'wanted'>());
  /** the work of sending, one file after another */
  const sending = useRef<Promise<void>>(Promise.resolve());

  const patch = useCallback((key: number, change: Partial<QueuedFile> | ((file: QueuedFile) => Partial<QueuedFile>)) => {
    setFiles((current) =>
      current.map((file) => (file.key === key ? { ...file, ...(typeof change === 'function' ? change(file) : change) } : file)),
    );
  }, []);
  const find = (key: number) => latest.current.find((file) => file.key === key);

  const preview = useCallback(
    async (key: number, upload: UploadedFile, settings: FileSettings) => {
      patch(key, { settings, previewing: true, previewError: null });
      try {
        // Reading a large workbook takes a while: the contract runs the preview as a job.
        const job = await gate.startJob('import.preview', { ...requestFor(upload, settings), rows: 20 });
        const result = await job.result;
        patch(key, { preview: result, previewedWith: settings, previewing: false });
      } catch (error) {
        patch(key, { previewError: error, previewing: false });
      }
    },
    [gate, patch],
  );

  /** The same file imported before: a warning on its card, not a refusal (a failed lookup only loses the warning). */
  const lookUpEarlierImports = async (key: number, sha256: string) => {
    try {
      const earlier = await gate.call('import.list', { sha256, limit: 100 });
      patch(key, { importedBefore: earlier.filter((r) => r.status === 'committed') });
    } catch {
      patch(key, { importedBefore: [] });
    }
  };

  const add = (chosen: readonly File[]) => {
    for (const file of chosen) {
      const key = nextKey.current++;
      const settings: FileSettings = { vendor: 'auto', timezone: workstationZone(), profile: null, mapping: null };
      const entry: QueuedFile = {
        key,
        name: file.name,
        size: file.size,
        sent: 0,
        upload: null,
        uploadError: null,
        importedBefore: [],
        settings,
        previewing: false,
        preview: null,
        previewedWith: null,
        previewError: null,
        importing: false,
        progress: null,
        cancelling: false,
        outcome: null,
      };
      setFiles((current) => [...current, entry]);
      sending.current = sending.current.then(async () => {
        try {
          const upload = await client.upload(file, (sent) => patch(key, { sent }));
          patch(key, { upload, sent: file.size });
          if (mayReadHistory) await lookUpEarlierImports(key, upload.sha256);
          await preview(key, upload, settings);
        } catch (error) {
          patch(key, { uploadError: error });
        }
      });
    }
  };

  const remove = (key: number) => setFiles((current) => current.filter((file) => file.key !== key));

  const repreview = async (key: number, settings: FileSettings) => {
    const file = find(key);
    if (!file?.upload) return;
    await preview(key, file.upload, settings);
  };

  const importOne = async (file: QueuedFile): Promise<Outcome> => {
    patch(file.key, { importing: true, progress: null, cancelling: false, outcome: null });
    let outcome: Outcome;
    try {
      const job = await gate.startJob('import.run', requestFor(file.upload!, file.settings), {
        onProgress: (progress) => patch(file.key, { progress }),
      });
      const wanted = jobs.current.get(file.key) === 'wanted';
      jobs.current.set(file.key, job);
      if (wanted) void job.cancel();
      outcome = { kind: 'committed', summary: await job.result };
    } catch (error) {
      outcome = error instanceof GateError && error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'failed', error };
    } finally {
      jobs.current.delete(file.key);
    }
    patch(file.key, { importing: false, cancelling: false, outcome });
    onImported();
    return outcome;
  };

  const importable = (file: QueuedFile) =>
    file.upload !== null &&
    file.preview !== null &&
    file.preview.format !== null &&
    !file.previewing &&
    !file.importing &&
    file.outcome?.kind !== 'committed';

  const importAll = async () => {
    setRunning(true);
    try {
      for (const file of latest.current.filter(importable)) {
        const current = find(file.key);
        if (!current || !importable(current)) continue;
        const outcome = await importOne(current);
        // A cancel stops the run: the person asked for it to stop.
        if (outcome.kind === 'cancelled') break;
      }
    } finally {
      setRunning(false);
    }
  };

  const cancel = async (key: number) => {
    patch(key, { cancelling: true });
    const job = jobs.current.get(key);
    if (job && job !== 'wanted') await job.cancel();
    else jobs.current.set(key, 'wanted');
  };

  return { files, add, remove, repreview, ready: files.filter(importable), running, importAll, cancel };
}
