/**
 * What an import says while it runs. Hot-list matching is another feature's work on an
 * import's new plate reads (wired in by the handler table): an import of audit logs, which
 * holds no reads, never says it is matching reads against the hot lists.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFlockSearchAudit } from '../fixtures/flock-logs';
import { writeFlockReadsJson } from '../fixtures/plate-reads';
import { importWorkspace, runImport } from '../support/import-support';
import { removeTempFolders, tempFolder } from '../support/workspace-fixtures';

afterAll(removeTempFolders);

describe('the phases an import reports', () => {
  it('an audit import reports reading, and nothing of hot lists', async () => {
    const { w, token } = importWorkspace('phases-audit');
    const audit = writeFlockSearchAudit(tempFolder('phases-audit-file'), { seed: 7 });
    const result = await runImport(w.ws, token, audit.path, audit.request);
    expect(result.ok).toBe(true);
    const phases = result.progress.map((p) => p.phase ?? '');
    expect(phases.some((p) => p.startsWith('reading '))).toBe(true);
    expect(phases.filter((p) => /hot.?list/i.test(p))).toEqual([]);
    w.ws.close();
  });

  it('a plate-read import is matched against the hot lists before it commits, and says so', async () => {
    const { w, token } = importWorkspace('phases-reads');
    const reads = writeFlockReadsJson(tempFolder('phases-reads-file'), { seed: 7, rows: 20 });
    const result = await runImport(w.ws, token, reads.path, reads.request);
    expect(result.ok).toBe(true);
    const phases = result.progress.map((p) => p.phase ?? '');
    expect(phases).toContain('matching the new reads against the hot lists');
    expect(phases.at(-1)).toBe('0 hot-list alerts raised');
    w.ws.close();
  });
});
