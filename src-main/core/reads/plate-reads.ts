import type { PlateCandidate, PlateRead } from '../../contract/imports';
import type { Db } from '../store/database';
import { shownCoordinate } from './coordinates';

export interface ReadRow {
  id: number;
  vendor: string;
  vendor_read_id: string | null;
  plate_raw: string;
  plate_norm: string;
  state: string | null;
  captured_at: number;
  captured_text: string;
  camera: string | null;
  camera_label: string | null;
  agent_label: string | null;
  latitude: number | null;
  longitude: number | null;
  latitude_text: string | null;
  longitude_text: string | null;
  confidence: number | null;
  parked: number | null;
  /** JSON PlateCandidate[], null when none */
  plate_candidates: string | null;
  direction: string | null;
  make: string | null;
  model: string | null;
  color: string | null;
  images: number;
  import_id: number;
  source_line: number;
}

export function toPlateRead(r: ReadRow): PlateRead {
  return {
    id: r.id,
    vendor: r.vendor,
    vendorReadId: r.vendor_read_id,
    plate: r.plate_raw,
    plateNormalized: r.plate_norm,
    state: r.state,
    capturedAt: new Date(r.captured_at).toISOString(),
    capturedText: r.captured_text,
    camera: r.camera,
    cameraLabel: r.camera_label,
    agentLabel: r.agent_label,
    latitude: r.latitude,
    longitude: r.longitude,
    latitudeText: shownCoordinate(r.latitude_text, r.latitude),
    longitudeText: shownCoordinate(r.longitude_text, r.longitude),
    confidence: r.confidence,
    parked: r.parked === null ? null : r.parked === 1,
    plateCandidates: r.plate_candidates ? (JSON.parse(r.plate_candidates) as PlateCandidate[]) : [],
    direction: r.direction,
    make: r.make,
    model: r.model,
    color: r.color,
    images: r.images,
    importId: r.import_id,
    line: r.source_line,
  };
}

/** The reads an import brought in, in file order (only a committed import's are visible). */
export function listImportReads(db: Db, importId: number, offset: number, limit: number): { total: number; reads: PlateRead[] } {
  const total = db.prepare('SELECT count(*) FROM committed_reads WHERE import_id = ?').pluck().get(importId) as number;
  const rows = db
    .prepare(
      `SELECT r.*, (SELECT count(*) FROM read_images i WHERE i.read_id = r.id) AS images
       FROM committed_reads r WHERE r.import_id = ? ORDER BY r.source_line, r.id LIMIT ? OFFSET ?`,
    )
    .all(importId, limit, offset) as ReadRow[];
  return { total, reads: rows.map(toPlateRead) };
}
