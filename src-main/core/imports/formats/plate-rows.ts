import type { PlateCandidate } from '../../../contract/imports';
import type { ImageRef, PlateReadRow, ReadOptions } from '../rows';
import type { RowReject } from '../../intake/rows';
import { writtenCoordinate } from '../../reads/coordinates';
import { normalisePlate, normaliseState } from '../../reads/plates';
import { isTimeError, outOfRange, type TimeResult } from '../../intake/times';

/**
 * One plate read as a reader found it, before checking. Numbers may still be text (CSV)
 * or already numbers (JSON, XML); `capturedAt` is the parsed time of `capturedText`.
 */
export interface ReadValues {
  vendorReadId?: string | null;
  plate: string | null | undefined;
  state?: string | null;
  capturedText: string;
  capturedAt: TimeResult;
  camera?: string | null;
  cameraLabel?: string | null;
  agentLabel?: string | null;
  latitude?: string | number | null;
  longitude?: string | number | null;
  confidence?: string | number | null;
  parked?: boolean | null;
  /** other readings, best first, their confidence on the builder's scale */
  plateCandidates?: PlateCandidate[];
  direction?: string | null;
  make?: string | null;
  model?: string | null;
  color?: string | null;
  images?: ImageRef[];
}

/** The names the file gives each value, for reject messages (a header name, a JSON key, an XML element). */
export interface ReadLabels {
  plate: string;
  capturedAt: string;
  latitude: string;
  longitude: string;
  confidence: string;
}

function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A number from text or JSON: null when empty, NaN when not a number. */
function numberOf(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  // Number() ignores surrounding spaces but reads "" and " " as 0
  const number = Number(value);
  return number === 0 && value.trim() === '' ? null : number;
}

/**
 * A coordinate: the number, read from the file's text at the precision it had (so no binary
 * noise), and that text when it says more than the number's own form (`written`: "37.3420").
 * Null when empty; NaN when not a number.
 */
function coordinate(value: string | number | null | undefined): { value: number; text: string; written?: string } | null {
  const number = numberOf(value);
  if (number === null || !Number.isFinite(number)) return number === null ? null : { value: number, text: String(value) };
  const text = writtenCoordinate(value!);
  const parsed = Number(text);
  return { value: parsed, text, written: text === String(parsed) ? undefined : text };
}

/**
 * Checks a read and makes the row to store, or the reject that says what is wrong: no
 * plate, a time that is not a date or is out of range, a location off the globe, a
 * confidence off its scale.
 */
export class PlateReadBuilder {
  private readonly now: number;

  constructor(
    private readonly vendor: string,
    options: ReadOptions,
    private readonly labels: ReadLabels,
    /** 1 when confidence is written 0–1, 100 when 0–100 */
    private readonly confidenceScale: 1 | 100 = 1,
  ) {
    this.now = options.now.getTime();
  }

  build(line: number, values: ReadValues): PlateReadRow | RowReject {
    const labels = this.labels;
    const plateRaw = text(values.plate);
    if (plateRaw === null) return { line, column: labels.plate, reason: 'no plate' };
    const plateNorm = normalisePlate(plateRaw);
    if (plateNorm === '') return { line, column: labels.plate, reason: `the plate "${plateRaw}" has no letters or digits` };
    const capturedText = values.capturedText;
    if (capturedText.trim() === '') return { line, column: labels.capturedAt, reason: 'no capture time' };
    const capturedAt = values.capturedAt;
    if (isTimeError(capturedAt)) return { line, column: labels.capturedAt, reason: `the capture time "${capturedText}" ${capturedAt}` };
    const range = outOfRange(capturedAt, this.now);
    if (range) return { line, column: labels.capturedAt, reason: `the capture time "${capturedText}" ${range}` };
    const latitude = coordinate(values.latitude);
    if (latitude !== null && !(latitude.value >= -90 && latitude.value <= 90)) {
      return {
        line,
        column: labels.latitude,
        reason: Number.isNaN(latitude.value)
          ? `latitude "${values.latitude}" is not a number`
          : `latitude ${latitude.text} is outside -90..90`,
      };
    }
    const longitude = coordinate(values.longitude);
    if (longitude !== null && !(longitude.value >= -180 && longitude.value <= 180)) {
      return {
        line,
        column: labels.longitude,
        reason: Number.isNaN(longitude.value)
          ? `longitude "${values.longitude}" is not a number`
          : `longitude ${longitude.text} is outside -180..180`,
      };
    }
    let confidence = numberOf(values.confidence);
    if (confidence !== null) {
      const scale = this.confidenceScale;
      if (!(confidence >= 0 && confidence <= scale)) {
        return {
          line,
          column: labels.confidence,
          reason: Number.isNaN(confidence)
            ? `confidence "${values.confidence}" is not a number`
            : `confidence ${confidence} is outside 0..${scale}`,
        };
      }
      if (scale !== 1) confidence /= scale;
    }
    const candidates = values.plateCandidates?.map((candidate) => ({
      ...candidate,
      confidence: candidate.confidence === null ? null : candidate.confidence / this.confidenceScale,
    }));
    const state = values.state ? normaliseState(values.state) : null;
    return {
      target: 'plate-reads',
      line,
      vendor: this.vendor,
      vendorReadId: text(values.vendorReadId),
      plateRaw,
      plateNorm,
      state,
      capturedAt,
      capturedText,
      camera: text(values.camera),
      cameraLabel: text(values.cameraLabel) ?? undefined,
      agentLabel: text(values.agentLabel) ?? undefined,
      latitude: latitude?.value ?? null,
      longitude: longitude?.value ?? null,
      latitudeText: latitude?.written,
      longitudeText: longitude?.written,
      confidence,
      parked: values.parked ?? undefined,
      plateCandidates: candidates?.length ? candidates : undefined,
      direction: text(values.direction),
      make: text(values.make),
      model: text(values.model),
      color: text(values.color),
      images: values.images ?? [],
    };
  }
}
