import type { Readable } from 'node:stream';
import type { PlateCandidate } from '../../../contract/imports';
import type { ImageRef, ParsedItem, PlateReadRow, ReadOptions } from '../rows';
import type { RowReject } from '../../intake/rows';
import { isObject, num, readJson, str } from './json-reads';
import { PlateReadBuilder } from './plate-rows';
import { fromEpoch } from '../../intake/times';

/**
 * Rekor / OpenALPR JSON: an array, one object, or JSON Lines of
 *  - `alpr_results`: `epoch_time` (ms), `camera_id`, `uuid`, `results[]` each with `plate`,
 *    `confidence` (0–100), `region` (`us-ca`), `candidates[]`; one read per result;
 *  - `alpr_group`: `best_plate_number`, `best_confidence`, `best_region`, `epoch_start`,
 *    `camera_id`, `gps_latitude`, `gps_longitude`, `vehicle_crop_jpeg` (base64), `vehicle`,
 *    `is_parked`, `candidates[]`.
 * Both may name the camera and the agent (`camera_label`, `agent_label`) beside their ids.
 * Confidence is per cent; it is stored on 0–1.
 */
const LABELS = { plate: 'plate', capturedAt: 'epoch_time', latitude: 'gps_latitude', longitude: 'gps_longitude', confidence: 'confidence' };
const GROUP_LABELS = { ...LABELS, plate: 'best_plate_number', capturedAt: 'epoch_start', confidence: 'best_confidence' };

export function readRekor(input: Readable, options: ReadOptions): AsyncGenerator<ParsedItem> {
  const results = new PlateReadBuilder('rekor', options, LABELS, 100);
  const groups = new PlateReadBuilder('rekor', options, GROUP_LABELS, 100);
  return readJson(
    input,
    options,
    (line, record) => {
      if (record.data_type === 'alpr_group' || 'best_plate_number' in record) return group(groups, line, record);
      if (Array.isArray(record.results)) return frame(results, line, record);
      return { line, column: null, reason: 'the record is neither an alpr_results nor an alpr_group' };
    },
    (record) => str(record.best_uuid) ?? str(record.uuid),
  );
}

/** Time as epoch milliseconds (a JSON number or a numeric string). */
function epoch(value: unknown): { text: string; at: number | string } {
  const text = str(value) ?? '';
  const number = Number(text);
  return { text, at: text.trim() === '' || Number.isNaN(number) ? 'is not a number of milliseconds since 1970' : fromEpoch(number) };
}

/** `candidates[]`: `{ plate, confidence (0–100), matches_template (0/1) }`, as the vendor ranked them. */
function candidates(value: unknown): PlateCandidate[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((candidate) => {
    const plate = isObject(candidate) ? str(candidate.plate) : null;
    if (!isObject(candidate) || !plate) return [];
    const confidence = Number(num(candidate.confidence) ?? NaN);
    const template = candidate.matches_template;
    return [
      {
        plate,
        confidence: Number.isFinite(confidence) ? confidence : null,
        matchesTemplate: typeof template === 'boolean' || typeof template === 'number' ? Boolean(template) : null,
      },
    ];
  });
}

/** `is_parked`: true or false (or 1 / 0); anything else is not said. */
function parked(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : value === 1 || value === 0 ? value === 1 : null;
}

/** The best-rated name of a vehicle attribute: `[{ name, confidence }]`. */
function best(attribute: unknown): string | null {
  return Array.isArray(attribute) && isObject(attribute[0]) ? str(attribute[0].name) : null;
}

function frame(builder: PlateReadBuilder, line: number, record: Record<string, unknown>): (PlateReadRow | RowReject)[] {
  const time = epoch(record.epoch_time);
  const results = record.results as unknown[];
  const uuid = str(record.uuid);
  return results.map((result, index) => {
    if (!isObject(result)) return { line, column: 'results', reason: `result ${index + 1} is not an object` };
    return builder.build(line, {
      vendorReadId: uuid && results.length > 1 ? `${uuid}#${index + 1}` : uuid,
      plate: str(result.plate),
      state: str(result.region),
      capturedText: time.text,
      capturedAt: time.at,
      camera: str(record.camera_id),
      cameraLabel: str(record.camera_label),
      agentLabel: str(record.agent_label),
      latitude: num(record.gps_latitude),
      longitude: num(record.gps_longitude),
      confidence: num(result.confidence),
      parked: parked(record.is_parked),
      plateCandidates: candidates(result.candidates),
    });
  });
}

function group(builder: PlateReadBuilder, line: number, record: Record<string, unknown>): PlateReadRow | RowReject {
  const time = epoch(record.epoch_start);
  const vehicle = isObject(record.vehicle) ? record.vehicle : {};
  const crop = str(record.vehicle_crop_jpeg);
  const images: ImageRef[] = crop ? [{ kind: 'vehicle', data: Buffer.from(crop, 'base64') }] : [];
  return builder.build(line, {
    vendorReadId: str(record.best_uuid) ?? str(record.uuid),
    plate: str(record.best_plate_number),
    state: str(record.best_region),
    capturedText: time.text,
    capturedAt: time.at,
    camera: str(record.camera_id),
    cameraLabel: str(record.camera_label),
    agentLabel: str(record.agent_label),
    latitude: num(record.gps_latitude),
    longitude: num(record.gps_longitude),
    confidence: num(record.best_confidence),
    parked: parked(record.is_parked),
    plateCandidates: candidates(record.candidates),
    direction: str(record.travel_direction),
    make: best(vehicle.make),
    model: best(vehicle.make_model),
    color: best(vehicle.color),
    images,
  });
}
