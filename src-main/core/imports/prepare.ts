import type { Readable } from 'node:stream';
import {
  IMPORT_FORMATS,
  MAPPING_KINDS,
  mappingKind,
  type ColumnMapping,
  type ImportFormat,
  type ImportPreview,
  type ImportRequest,
  type Reject,
} from '../../contract/imports';
import { failed, invalid } from '../errors';
import type { Db } from '../store/database';
import { openContainer, type Container } from './container';
import { detectFormat, READERS, suggestColumnMapping, suggestLogMapping, suggestMapping, type Detection } from './formats';
import { describeSheets, lookAtSheets, onSheet, planSheets, workbookDetection, type PlannedSheet, type SheetLook } from './sheets';
import type { IntakeInput } from '../intake/input';
import { shownCoordinate } from '../reads/coordinates';
import { findProfile } from './profiles';
import { isReject, type ImportRow } from './rows';

type Request = Omit<ImportRequest, 'source'>;

/** What an import will do with a file, settled before anything is stored. */
export interface ImportPlan {
  format: ImportFormat;
  detection: string;
  mapping: ColumnMapping | null;
  profile: string | null;
  timezone: string;
  entry: string | null;
  dataSize: number;
  /** a workbook's sheets, each read or skipped; null for other files */
  sheets: PlannedSheet[] | null;
}

/** The workstation's own zone, for times written without one. */
export function workstationTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** What the file looks like; for a workbook, what each of its sheets looks like too. */
async function detect(container: Container, name: string): Promise<{ detection: Detection; looks: SheetLook[] | null }> {
  if (!container.workbook) return { detection: detectFormat(container.head, container.entry ?? name), looks: null };
  const workbook = await container.workbook();
  try {
    const looks = await lookAtSheets(workbook, name);
    return { detection: workbookDetection(name, looks), looks };
  } finally {
    workbook.close();
  }
}

/** The format to read with: the one asked for, or the detected one; an unknown layout needs a mapping, never a guess. */
function chooseFormat(
  request: Request,
  detection: Detection,
  mapping: ColumnMapping | null,
): { format: ImportFormat | null; detection: string } {
  if (request.vendor && request.vendor !== 'auto') {
    const chosen = `Read as ${IMPORT_FORMATS[request.vendor].title}, as chosen.`;
    return {
      format: request.vendor,
      detection: detection.format && detection.format !== request.vendor ? `${chosen} (${detection.detection})` : chosen,
    };
  }
  if (detection.format) return { format: detection.format, detection: detection.detection };
  if (mapping)
    return {
      format: MAPPING_KINDS[mappingKind(mapping)].format,
      detection: `${detection.detection} Read through the column mapping given.`,
    };
  return { format: null, detection: detection.detection };
}

/** Why a mapping cannot read a file read as `format`, or null when it can (a plate-read mapping reads any plate-read format by columns). */
function mappingMismatch(format: ImportFormat, mapping: ColumnMapping): string | null {
  const kind = mappingKind(mapping);
  const fits = kind === 'plate-reads' ? IMPORT_FORMATS[format].target === 'plate-reads' : MAPPING_KINDS[kind].format === format;
  return fits ? null : `describes ${MAPPING_KINDS[kind].what}, but the file is read as ${IMPORT_FORMATS[format].title}`;
}

function mappingFor(db: Db, request: Request): { mapping: ColumnMapping | null; profile: string | null } {
  if (request.mapping) return { mapping: request.mapping as ColumnMapping, profile: request.profile ?? null };
  if (request.profile) {
    const saved = findProfile(db, request.profile);
    return { mapping: saved.mapping, profile: saved.name };
  }
  return { mapping: null, profile: null };
}

export async function prepareImport(db: Db, input: IntakeInput, request: Request): Promise<ImportPlan> {
  const container = await openContainer(input);
  try {
    if (container.dataSize === 0) throw failed('empty-file', `${container.entry ?? input.name} is empty: there is nothing to import.`);
    const { mapping, profile } = mappingFor(db, request);
    const { detection, looks } = await detect(container, input.name);
    const choice = chooseFormat(request, detection, mapping);
    if (!choice.format) throw failed('format-unknown', `${input.name}: ${choice.detection}${mappingAdvice(detection)}`);
    const mismatch = mapping && mappingMismatch(choice.format, mapping);
    if (mismatch) {
      throw invalid(
        'mapping-mismatch',
        `The column mapping${profile ? ` "${profile}"` : ''} ${mismatch}: choose a mapping for that, or read ${input.name} as what the mapping describes.`,
      );
    }
    if (READERS[choice.format].needsMapping && !mapping) {
      throw failed(
        'mapping-required',
        `${input.name} is read through a column mapping (${IMPORT_FORMATS[choice.format].title}); choose a saved profile or give a mapping. Its columns: ${detection.columns.join(', ') || 'none found'}.`,
      );
    }
    const sheets = looks && planSheets(input.name, looks, choice.format, isChosen(request), mapping);
    return {
      format: choice.format,
      detection: sheets ? describeSheets(choice.detection, sheets) : choice.detection,
      mapping,
      profile,
      timezone: request.timezone ?? workstationTimeZone(),
      entry: container.entry,
      dataSize: container.dataSize,
      sheets,
    };
  } finally {
    container.close();
  }
}

function isChosen(request: Request): boolean {
  return !!request.vendor && request.vendor !== 'auto';
}

/**
 * The mapping the editor starts from: for a file of unknown layout, whatever its columns look
 * like; for plate reads read by columns, a plate-read mapping; for a Flock log whose header is
 * not the log's own, a mapping of that log. A file in a known layout needs none.
 */
function suggestionFor(format: ImportFormat | null, detection: Detection): ColumnMapping | null {
  const columns = detection.columns;
  if (columns.length === 0) return null;
  if (format === null) return suggestColumnMapping(columns);
  if (IMPORT_FORMATS[format].target === 'plate-reads') return suggestMapping(columns);
  const log = detection.format === format ? null : suggestLogMapping(columns);
  return log && MAPPING_KINDS[log.maps].format === format ? log : null;
}

/**
 * For a file of unknown layout whose columns suggest a mapping: the mapping itself, to save
 * with `custodian import profile save NAME --mapping FILE` (the command line has no editor).
 */
function mappingAdvice(detection: Detection): string {
  const suggested = detection.columns.length ? suggestColumnMapping(detection.columns) : null;
  if (!suggested) return '';
  return ` A mapping to start from (check it, save it with "custodian import profile save NAME --mapping FILE", then import with --profile NAME): ${JSON.stringify(suggested)}`;
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const time = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A row as the preview table shows it: column → text. */
export function displayRow(row: ImportRow): Record<string, string | null> {
  switch (row.target) {
    case 'plate-reads':
      return {
        plate: row.plateRaw,
        normalized: row.plateNorm,
        state: row.state,
        capturedAt: time(row.capturedAt),
        capturedText: row.capturedText,
        camera: row.camera,
        cameraLabel: row.cameraLabel ?? null,
        agentLabel: row.agentLabel ?? null,
        latitude: shownCoordinate(row.latitudeText ?? null, row.latitude),
        longitude: shownCoordinate(row.longitudeText ?? null, row.longitude),
        confidence: text(row.confidence),
        parked: row.parked === undefined ? null : row.parked ? 'yes' : 'no',
        candidates: row.plateCandidates?.map((c) => c.plate).join(', ') ?? null,
        direction: row.direction,
        make: row.make,
        model: row.model,
        color: row.color,
        vendorReadId: row.vendorReadId,
        images: String(row.images.length),
      };
    case 'vendor-audit':
      return {
        id: row.vendorEntryId,
        name: row.name,
        orgName: row.orgName,
        searchedAt: time(row.searchedAt),
        timeFrame: row.timeFrameStart !== null ? `${time(row.timeFrameStart)} – ${time(row.timeFrameEnd)}` : row.timeFrameText,
        plate: row.plate,
        reason: row.reason,
        caseNumber: row.caseNumber,
        searchType: row.searchType,
        withheld: row.withheld.join(', ') || null,
      };
    case 'vendor-events':
      return {
        id: row.vendorEventId,
        occurredAt: time(row.occurredAt),
        user: row.user,
        eventType: row.eventType,
        entityType: row.entityType,
        details: Object.entries(row.details)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; '),
        withheld: row.withheld.join(', ') || null,
      };
    case 'vendor-search-audit':
      return {
        id: row.vendorEntryId,
        userId: row.userId,
        searchedAt: time(row.searchedAt),
        networkCount: text(row.networkCount),
        reason: row.reason,
        withheld: row.withheld.join(', ') || null,
      };
  }
}

/** The first rows of a file as they would be stored, with the detection and a mapping to start from. Nothing is stored. */
export async function previewImport(db: Db, input: IntakeInput, request: Request & { rows: number }, now: Date): Promise<ImportPreview> {
  const container = await openContainer(input);
  try {
    const { mapping: given } = mappingFor(db, request);
    const { detection, looks } = await detect(container, input.name);
    const choice = chooseFormat(request, detection, given);
    const suggested = suggestionFor(choice.format, detection);
    const base = {
      file: input.name,
      size: 'size' in input ? input.size : container.dataSize,
      format: choice.format,
      formatTitle: choice.format ? IMPORT_FORMATS[choice.format].title : null,
      detection: choice.detection,
      columns: detection.columns,
      suggestedMapping: given ?? suggested,
      sheets: null as PlannedSheet[] | null,
    };
    const mapping = given ?? suggested;
    // An unknown layout is shown as the suggested columns would read it, so the person can
    // check the suggestion before naming the vendor; the format stays unknown until then.
    const readAs = choice.format ?? (suggested ? MAPPING_KINDS[mappingKind(suggested)].format : null);
    if (!readAs || (READERS[readAs].needsMapping && !mapping)) return { ...base, rows: [], rejects: [] };
    const mismatch = mapping && mappingMismatch(readAs, mapping);
    if (mismatch) return { ...base, rows: [], rejects: [{ line: 0, column: null, reason: `the column mapping ${mismatch}` }] };
    if (looks) {
      // a workbook the import would refuse (two kinds of log, no sheet that fits) is refused here, saying why
      base.sheets = planSheets(input.name, looks, readAs, isChosen(request), mapping);
      base.detection = describeSheets(base.detection, base.sheets);
    }
    if (!choice.format)
      base.detection = `${base.detection} The rows below are read with the suggested columns: check them${suggested && mappingKind(suggested) === 'plate-reads' ? ', name the vendor' : ''}, then preview again.`;
    const rows: ImportPreview['rows'] = [];
    const rejects: Reject[] = [];
    const options = {
      timezone: request.timezone ?? workstationTimeZone(),
      mapping: mapping ?? undefined,
      now,
      fileName: container.entry ?? input.name,
    };
    const workbook = looks ? await container.workbook!() : null;
    try {
      const sheets = base.sheets?.filter((sheet) => sheet.format) ?? [null];
      // each sheet read shows its first rows: the preview's rows are shared among them
      const perSheet = Math.ceil(request.rows / sheets.length);
      for (const sheet of sheets) {
        const upTo = Math.min(request.rows, rows.length + rejects.length + perSheet);
        const data: Readable = sheet ? await workbook!.openSheet(sheet) : await container.openData();
        const where = sheet ? { sheet: { name: sheet.name, parts: workbook!.parts } } : {};
        const named = (reason: string) => (sheet ? onSheet(reason, sheet.name, base.sheets!.length) : reason);
        try {
          for await (const item of READERS[readAs].read(data, { ...options, ...where })) {
            if (isReject(item)) rejects.push({ line: item.line, column: item.column, reason: named(item.reason) });
            else rows.push({ line: item.line, ...(sheet ? { sheet: sheet.name } : {}), values: displayRow(item) });
            if (rows.length + rejects.length >= upTo) break;
          }
        } catch (error) {
          rejects.push({ line: 0, column: null, reason: named(`the file cannot be read this way: ${(error as Error).message}`) });
        } finally {
          data.destroy();
        }
      }
    } finally {
      workbook?.close();
    }
    return { ...base, sheets: base.sheets && base.sheets.map(({ name, format, skipped }) => ({ name, format, skipped })), rows, rejects };
  } finally {
    container.close();
  }
}
