/**
 * Whole-import helpers: run `import.run` as a job through the real gate on a real encrypted
 * workspace, read the stored reads back through `import.reads` (case and purpose given), and
 * compare what happened with what the fixture generator says must happen.
 */
import { expect } from 'vitest';
import type { ImportRecord, ImportSummary, PlateRead } from '../../src-main/contract/imports';
import type { JobProgress } from '../../src-main/contract/transport';
import { CustodianError } from '../../src-main/core/errors';
import type { Workspace } from '../../src-main/core/workspace';
import type { ExpectedRead, ExpectedSheet, Fixture, FixtureRequest, Outcome, SummaryOutcome } from '../fixtures/vendor-files';
import { COMMANDER, createWorkspace, openStore, signIn, type TestWorkspace } from './workspace-fixtures';

/** Case number and purpose for reading plate data back (policy 427.6(b)). */
export const ACCESS = { caseNumber: '26-004512', purpose: 'Verifying a vendor import against the source file' };

/** A workspace after every generated capture time (fixtures end by 2026-11-01), with a trained commander signed in. */
export function importWorkspace(label: string): { w: TestWorkspace; token: string } {
  const w = createWorkspace(label, { start: '2026-11-29T12:00:00.000Z' });
  const token = signIn(w.ws, COMMANDER);
  w.ws.call(token, 'training.record', { username: COMMANDER.username, course: 'ALPR Operator Training', completedOn: w.clock.today() });
  return { w, token };
}

export type ImportResult =
  { ok: true; summary: ImportSummary; progress: JobProgress[] } | { ok: false; error: CustodianError; progress: JobProgress[] };

/** Run `import.run` as the app does (a job through the gate); a refusal comes back as { ok: false }. */
export async function runImport(ws: Workspace, token: string, path: string, request: FixtureRequest): Promise<ImportResult> {
  const progress: JobProgress[] = [];
  try {
    const summary = (await ws.startJob(token, 'import.run', { source: { path }, ...request }, undefined, {
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p),
    })) as ImportSummary;
    return { ok: true, summary, progress };
  } catch (error) {
    if (!(error instanceof CustodianError)) throw error;
    return { ok: false, error, progress };
  }
}

/** Import that must succeed; returns its summary. */
export async function importOk(ws: Workspace, token: string, path: string, request: FixtureRequest): Promise<ImportSummary> {
  const result = await runImport(ws, token, path, request);
  if (!result.ok) throw new Error(`importing ${path} was refused: ${result.error.code}: ${result.error.message}`);
  return result.summary;
}

/** Every read an import stored, through `import.reads` (a page of 1,000 at a time). */
export function storedReads(ws: Workspace, token: string, importId: number): PlateRead[] {
  const reads: PlateRead[] = [];
  for (;;) {
    const page = ws.call(token, 'import.reads', { importId, offset: reads.length, limit: 1000 }, ACCESS);
    reads.push(...page.reads);
    if (reads.length >= page.total || page.reads.length === 0) {
      expect(reads.length).toBe(page.total);
      return reads;
    }
  }
}

/** What the store holds, to show a refused or killed import changed nothing. */
export interface StoreState {
  holdings: { reads: number; oldestCapture: string | null; newestCapture: string | null };
  committed: number[];
  auditRows: number;
  eventRows: number;
  searchAuditRows: number;
  images: number;
}

export function storeState(ws: Workspace, token: string): StoreState {
  const holdings = ws.call(token, 'alpr.holdings', {}, ACCESS);
  const imports = ws.call(token, 'import.list', { limit: 1000 });
  const db = openStore(ws);
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const committed = `(SELECT id FROM imports WHERE status = 'committed')`;
  return {
    holdings,
    committed: imports.filter((r) => r.status === 'committed').map((r) => r.importId),
    auditRows: count(`SELECT count(*) FROM vendor_audit_searches WHERE import_id IN ${committed}`),
    eventRows: count(`SELECT count(*) FROM vendor_events WHERE import_id IN ${committed}`),
    searchAuditRows: count(`SELECT count(*) FROM vendor_search_audit WHERE import_id IN ${committed}`),
    images: count(`SELECT count(*) FROM read_images WHERE import_id IN ${committed}`),
  };
}

export function importRecords(ws: Workspace, token: string): ImportRecord[] {
  return ws.call(token, 'import.list', { limit: 1000 });
}

// ---------------------------------------------------------------------------
// Comparing with the generator's expectations
// ---------------------------------------------------------------------------

/** Differences between stored reads and expected ones (empty when they agree exactly). */
export function readMismatches(actual: readonly PlateRead[], expected: readonly ExpectedRead[]): string[] {
  const problems: string[] = [];
  if (actual.length !== expected.length) problems.push(`${actual.length} reads stored, ${expected.length} expected`);
  const key = (plate: string, at: string) => `${plate}\u0000${at}`;
  const byId = new Map(actual.filter((r) => r.vendorReadId).map((r) => [r.vendorReadId!, r]));
  const byPlateTime = new Map(actual.map((r) => [key(r.plate, r.capturedAt), r]));
  for (const e of expected) {
    const found = (e.vendorReadId ? byId.get(e.vendorReadId) : undefined) ?? byPlateTime.get(key(e.plate, e.capturedAt));
    const label = `read ${e.vendorReadId ?? e.plate}${e.line ? ` (line ${e.line})` : ''}`;
    if (!found) {
      problems.push(`${label}: not stored`);
      continue;
    }
    const check = (field: string, got: unknown, want: unknown, alternatives: readonly unknown[] = []) => {
      if (got !== want && !alternatives.includes(got))
        problems.push(`${label}: ${field} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    };
    if (e.vendorReadId !== undefined) check('vendorReadId', found.vendorReadId, e.vendorReadId);
    check('plate', found.plate, e.plate);
    check('plateNormalized', found.plateNormalized, e.plateNormalized);
    check('state', found.state, e.state, e.stateAlternatives);
    check('capturedAt', found.capturedAt, e.capturedAt);
    if (e.capturedText !== undefined) check('capturedText', found.capturedText, e.capturedText);
    check('camera', found.camera, e.camera, e.cameraAlternatives);
    check('latitude', found.latitude, e.latitude);
    check('longitude', found.longitude, e.longitude);
    check('confidence', found.confidence, e.confidence);
    for (const field of [
      'direction',
      'make',
      'model',
      'color',
      'cameraLabel',
      'agentLabel',
      'parked',
      'latitudeText',
      'longitudeText',
    ] as const)
      if (e[field] !== undefined) check(field, found[field], e[field]);
    if (e.plateCandidates !== undefined) check('plateCandidates', JSON.stringify(found.plateCandidates), JSON.stringify(e.plateCandidates));
    if (e.images !== undefined) check('images', found.images, e.images);
    if (e.line !== undefined) check('line', found.line, e.line);
  }
  return problems;
}

/** Differences between a summary and an expected summary outcome (reads compared when `reads` are given). */
export function summaryMismatches(summary: ImportSummary, want: SummaryOutcome, reads?: readonly PlateRead[]): string[] {
  const problems: string[] = [];
  const check = (field: string, got: unknown, expected: unknown) => {
    if (got !== expected) problems.push(`${field} is ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
  };
  check('status', summary.status, 'committed');
  check('format', summary.format, want.format);
  check('read', summary.read, want.read);
  check('imported', summary.imported, want.imported);
  check('duplicates', summary.duplicates, want.duplicates);
  check('rejected', summary.rejected, want.rejected);
  if (want.images !== undefined) check('images', summary.images, want.images);
  if (want.timezone !== undefined) check('timezone', summary.timezone, want.timezone);
  const got = summary.rejects.map((r) => `${r.line}:${r.column ?? '-'}`);
  for (const [i, expected] of want.rejects.entries()) {
    const actual = expected.line === null ? summary.rejects[i] : summary.rejects.find((r) => r.line === expected.line);
    if (!actual) {
      problems.push(`no reject on line ${expected.line} (rejects: ${got.join(' ') || 'none'})`);
      continue;
    }
    if (expected.column !== undefined && actual.column !== expected.column)
      problems.push(
        `the reject on line ${actual.line} names column ${JSON.stringify(actual.column)}, expected ${JSON.stringify(expected.column)}`,
      );
    if (expected.reason && !expected.reason.test(actual.reason))
      problems.push(`the reject on line ${actual.line} says "${actual.reason}", which does not match ${expected.reason}`);
  }
  if (want.sheets) problems.push(...sheetMismatches(summary, want.sheets));
  if (want.reads && reads) problems.push(...readMismatches(reads, want.reads));
  return problems;
}

function sheetMismatches(summary: ImportSummary, want: ExpectedSheet[]): string[] {
  const got = summary.sheets ?? [];
  if (got.length !== want.length)
    return [`the summary lists the sheets ${JSON.stringify(got.map((s) => s.name))}, expected ${want.length}`];
  const problems: string[] = [];
  want.forEach((expected, i) => {
    const { skipped, ...counts } = expected;
    const { skipped: reason, ...actual } = got[i]!;
    if (JSON.stringify(actual) !== JSON.stringify(counts))
      problems.push(`sheet ${i + 1} is ${JSON.stringify(actual)}, expected ${JSON.stringify(counts)}`);
    if (skipped === null ? reason !== null : !(reason !== null && skipped.test(reason)))
      problems.push(`sheet "${expected.name}" skipped: ${JSON.stringify(reason)}, expected ${skipped}`);
  });
  return problems;
}

/** Differences between what happened and one acceptable outcome. */
export function outcomeMismatches(result: ImportResult, outcome: Outcome, reads?: readonly PlateRead[]): string[] {
  if (outcome.kind === 'refused') {
    if (result.ok) return [`imported (read ${result.summary.read}, imported ${result.summary.imported}), expected a refusal`];
    return outcome.message.test(result.error.message)
      ? []
      : [`refused with "${result.error.message}", which does not match ${outcome.message}`];
  }
  if (!result.ok) return [`refused (${result.error.code}): ${result.error.message}`];
  return summaryMismatches(result.summary, outcome, reads);
}

/**
 * Check a result against a fixture's acceptable outcomes: passes when one matches exactly;
 * otherwise fails listing what differed from each.
 */
export function expectAccepted(fixture: Fixture, result: ImportResult, reads?: readonly PlateRead[]): Outcome {
  const tries = fixture.accept.map((outcome) => ({ outcome, problems: outcomeMismatches(result, outcome, reads) }));
  const match = tries.find((t) => t.problems.length === 0);
  if (!match) {
    const report = tries.map(
      (t) =>
        `  as ${t.outcome.kind}: ${t.problems.slice(0, 12).join('; ')}${t.problems.length > 12 ? `; … ${t.problems.length - 12} more` : ''}`,
    );
    expect.fail(`${fixture.name} (${fixture.path}):\n${report.join('\n')}`);
  }
  return match!.outcome;
}

/** The universal rules of a summary: the accounting identity, and rejects that say where and why. */
export function expectWellFormedSummary(summary: ImportSummary): void {
  expect(summary.imported + summary.duplicates + summary.rejected, 'imported + duplicates + rejected = read').toBe(summary.read);
  expect(summary.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(summary.rejects.length).toBe(Math.min(summary.rejected, 200));
  for (const reject of summary.rejects) {
    expect(reject.line, 'a reject names its line').toBeGreaterThanOrEqual(1);
    expect(reject.reason.trim().length, 'a reject says why').toBeGreaterThan(3);
    expect(reject.column === null || reject.column.length > 0).toBe(true);
  }
  // in line order: a workbook's rejects sheet by sheet (each names its sheet when there are several)
  const sheetOf = (reason: string) => (summary.sheets && summary.sheets.length > 1 ? /^sheet "([^"]*)": /.exec(reason)?.[1] : '');
  for (const sheet of new Set(summary.rejects.map((r) => sheetOf(r.reason)))) {
    expect(sheet, 'a reject on a workbook of several sheets names its sheet').toBeDefined();
    const lines = summary.rejects.filter((r) => sheetOf(r.reason) === sheet).map((r) => r.line);
    expect(lines, 'rejects in line order').toEqual([...lines].sort((a, b) => a - b));
  }
  if (summary.sheets) {
    for (const sheet of summary.sheets)
      expect(sheet.imported + sheet.duplicates + sheet.rejected, `sheet "${sheet.name}": imported + duplicates + rejected = read`).toBe(
        sheet.read,
      );
    for (const count of ['read', 'imported', 'duplicates', 'rejected'] as const)
      expect(
        summary.sheets.reduce((sum, sheet) => sum + sheet[count], 0),
        `the sheets' ${count} add up to the import's`,
      ).toBe(summary[count]);
  }
}
