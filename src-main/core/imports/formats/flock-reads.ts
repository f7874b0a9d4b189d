import type { Readable } from 'node:stream';
import type { ImageRef, ParsedItem, PlateReadRow, ReadOptions } from '../rows';
import type { RowReject } from '../../intake/rows';
import { isObject, num, readJson, str } from './json-reads';
import { readMappedCsv } from './mapped-csv';
import { PlateReadBuilder } from './plate-rows';
import { firstSignificant, peek } from '../../intake/text';
import { clockFor, parseIso } from '../../intake/times';

/**
 * Flock plate reads. JSON in the API v3 shape (an array, a `{ "reads": [...] }` or
 * `{ "data": [...] }` wrapper, or JSON Lines):
 *   { id, capturedAt, device: { id, type, name, location: { lat, long, address }, network },
 *     plate: { value, confidence }, state: { value, confidence }, link, imageUrl?, sources? }
 * `plate` and `state` may also be plain strings. Anything else (CSV, a workbook) is read
 * through the column mapping, with "flock" as the vendor so the same read from JSON and
 * from CSV is one read.
 */
const LABELS = {
  plate: 'plate',
  capturedAt: 'capturedAt',
  latitude: 'device.location.lat',
  longitude: 'device.location.long',
  confidence: 'plate.confidence',
};

export async function* readFlockReads(input: Readable, options: ReadOptions): AsyncGenerator<ParsedItem> {
  if (options.sheet) {
    yield* readMappedCsv(input, options, 'flock');
    return;
  }
  const peeked = await peek(input);
  if (!peeked.first) return;
  const start = firstSignificant(peeked.first);
  if (start === '{' || start === '[') yield* readJson(peeked.input, options, flockConverter(options), (read) => str(read.id));
  else yield* readMappedCsv(peeked.input, options, 'flock');
}

/** `{ value: "ABC123", confidence: 0.98 }` or `"ABC123"`. */
function valueOf(field: unknown): { value: string | null; confidence: unknown } {
  if (isObject(field)) return { value: str(field.value ?? field.text ?? field.number), confidence: field.confidence };
  return { value: str(field), confidence: undefined };
}

function flockConverter(options: ReadOptions): (line: number, read: Record<string, unknown>) => PlateReadRow | RowReject {
  const builder = new PlateReadBuilder('flock', options, LABELS);
  const clock = clockFor(options.timezone);
  return (line, read) => {
    const device = isObject(read.device) ? read.device : {};
    const location = isObject(device.location) ? device.location : {};
    const plate = valueOf(read.plate);
    const state = valueOf(read.state);
    const capturedText = str(read.capturedAt) ?? '';
    const images: ImageRef[] = [];
    const imageUrl = str(read.imageUrl);
    // A link (Flock's expiring signed URL) is recorded; a bare name is a file beside the data in a bundle.
    if (imageUrl)
      images.push(/^[a-z][a-z0-9+.-]*:/i.test(imageUrl) ? { kind: 'context', url: imageUrl } : { kind: 'context', file: imageUrl });
    return builder.build(line, {
      vendorReadId: str(read.id),
      plate: plate.value,
      state: state.value,
      capturedText,
      capturedAt: parseIso(capturedText.trim(), clock),
      camera: str(device.name) ?? str(device.id),
      latitude: num(location.lat ?? location.latitude),
      longitude: num(location.long ?? location.lon ?? location.lng ?? location.longitude),
      confidence: num(plate.confidence),
      images,
    });
  };
}
