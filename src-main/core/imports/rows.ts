import type { Readable } from 'node:stream';
import type { ColumnMapping, ImportFormat, ImportTarget, PlateCandidate } from '../../contract/imports';
import type { Cells, RowReject, TableSource } from '../intake/rows';

/**
 * What a format reader makes of a vendor file: rows ready to store, or rejects that say
 * which line and column were wrong and why. Readers never touch the store; the import
 * pipeline (pipeline.ts) counts, dedupes and writes what they give.
 */

/** An image that belongs to a read: bytes inside the file (Genetec, Rekor), or a file beside it in a bundle. */
export type ImageRef =
  | { kind: ImageKind; data: Buffer }
  | { kind: ImageKind; file: string }
  /** a link the vendor gave (Flock's expiring signed URL): recorded, never fetched */
  | { kind: ImageKind; url: string };
export type ImageKind = 'plate' | 'context' | 'vehicle';

export interface PlateReadRow {
  target: 'plate-reads';
  line: number;
  vendor: string;
  vendorReadId: string | null;
  /** the plate as the vendor wrote it */
  plateRaw: string;
  /** upper case, spaces and dashes removed (normalisePlate) */
  plateNorm: string;
  state: string | null;
  /** milliseconds since 1970 UTC */
  capturedAt: number;
  /** the time exactly as written in the file */
  capturedText: string;
  camera: string | null;
  latitude: number | null;
  longitude: number | null;
  /** on one scale, 0–1 */
  confidence: number | null;
  // What only some vendors give is left out (undefined) when a file does not give it.
  /** the camera's name beside its id (Rekor camera_label) */
  cameraLabel?: string;
  /** the reader software that sent it (Rekor agent_label) */
  agentLabel?: string;
  /**
   * a coordinate as the file wrote it, when that is not the number's own form ("37.3420",
   * "+37.5"): at most the precision the file had (reads/coordinates.ts)
   */
  latitudeText?: string;
  longitudeText?: string;
  parked?: boolean;
  /** other readings of the plate, best first (Rekor candidates) */
  plateCandidates?: PlateCandidate[];
  direction: string | null;
  make: string | null;
  model: string | null;
  color: string | null;
  images: ImageRef[];
}

/** One search in a Flock Organization or Network Audit. */
export interface VendorAuditRow extends Cells {
  target: 'vendor-audit';
  line: number;
  vendorEntryId: string | null;
  name: string | null;
  orgName: string | null;
  networksSearched: number | null;
  devicesSearched: number | null;
  /** the window of reads searched (not when the search ran), ms since 1970 UTC */
  timeFrameStart: number | null;
  timeFrameEnd: number | null;
  timeFrameText: string | null;
  plate: string | null;
  plateHasWildcard: boolean;
  reason: string | null;
  caseNumber: string | null;
  filters: string | null;
  offenseType: string | null;
  /** when the search ran, ms since 1970 UTC */
  searchedAt: number | null;
  searchedText: string | null;
  searchType: string | null;
  textPrompt: string | null;
  moderation: string | null;
}

/** One entry of a Flock event log (hot list changes, network shares, ...). */
export interface VendorEventRow extends Cells {
  target: 'vendor-events';
  line: number;
  vendorEventId: string | null;
  occurredAt: number | null;
  occurredText: string | null;
  user: string | null;
  eventType: string | null;
  entityType: string | null;
  entityDetails: string | null;
  /** the `Key: value` lines of Entity Details */
  details: Record<string, string>;
}

/** One search in a Flock transparency-portal search audit. */
export interface VendorSearchAuditRow extends Cells {
  target: 'vendor-search-audit';
  line: number;
  vendorEntryId: string | null;
  userId: string | null;
  searchedAt: number | null;
  searchedText: string | null;
  networkCount: number | null;
  reason: string | null;
}

export type ImportRow = PlateReadRow | VendorAuditRow | VendorEventRow | VendorSearchAuditRow;

export type ParsedItem = ImportRow | RowReject;

export function isReject(item: ParsedItem): item is RowReject {
  return item.target === undefined;
}

/** What a reader is told about the import it serves. */
export interface ReadOptions extends TableSource {
  /** the zone for times written without one (IANA name) */
  timezone: string;
  /** the column mapping, for formats read through one */
  mapping?: ColumnMapping;
  /** "now", to refuse capture times in the future */
  now: Date;
}

/** A vendor format: how to recognise it and how to read it, streaming. */
export interface FormatReader {
  format: ImportFormat;
  target: ImportTarget;
  /** true when this format cannot be read without a column mapping */
  needsMapping: boolean;
  /**
   * Read the whole input, a row at a time. Must not hold the file in memory: memory stays
   * flat whatever the size. A row that cannot be stored comes out as a RowReject, and
   * reading goes on; only a file that cannot be read at all (not this format) throws.
   */
  read(input: Readable, options: ReadOptions): AsyncIterable<ParsedItem>;
}
