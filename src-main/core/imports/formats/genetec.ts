import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import type { ImageRef, ParsedItem, ReadOptions } from '../rows';
import type { RowReject } from '../../intake/rows';
import { PlateReadBuilder } from './plate-rows';
import { textChunks } from '../../intake/text';
import { clockFor, parseIso } from '../../intake/times';

/**
 * Genetec AutoVu SharpV XML, streamed through saxes. A read is any element with a `Plate`
 * child (or attribute): `Plate, State, UTCDate (yyyy:MM:dd), UTCTime (HH:mm:ss.fff),
 * CameraName, SourceName, ContextImage, PlateImage, LongitudeX, LatitudeY, Guid` and an
 * optional `ConfidenceScore`; the images are base64 inside. Element names are matched
 * without case or namespace prefix; children of nested elements count as the read's own.
 * A read's line is the line of its start tag.
 */
interface Frame {
  /** lower-case local name */
  name: string;
  line: number;
  /** lower-case local names of leaf children (and attributes) → text */
  values: Map<string, string>;
  text: string;
  hasChildren: boolean;
}

const LABELS = { plate: 'Plate', capturedAt: 'UTCDate', latitude: 'LatitudeY', longitude: 'LongitudeX', confidence: 'ConfidenceScore' };

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

function image(kind: ImageRef['kind'], base64: string | undefined): ImageRef[] {
  const data = base64?.trim();
  return data ? [{ kind, data: Buffer.from(data, 'base64') }] : [];
}

export async function* readGenetec(input: Readable, options: ReadOptions): AsyncGenerator<ParsedItem> {
  const builder = new PlateReadBuilder('genetec', options, LABELS);
  // UTCDate and UTCTime say their zone in their names: the import's zone is not theirs.
  const utc = clockFor('UTC');
  const parser = new SaxesParser({ position: true });
  const stack: Frame[] = [];
  let out: ParsedItem[] = [];
  let readsSeen = 0;

  const emit = (frame: Frame): void => {
    const value = (key: string) => frame.values.get(key);
    const date = value('utcdate')?.trim() ?? '';
    const time = value('utctime')?.trim() ?? '';
    const capturedText = time ? `${date} ${time}` : date;
    // yyyy:MM:dd → yyyy-MM-dd, so the ISO parser (which checks the calendar) reads it
    const iso = `${date.replace(/^(\d{4})[:/](\d{2})[:/](\d{2})$/, '$1-$2-$3')}${time ? `T${time}` : ''}`;
    // Genetec scores are per cent; a score already on 0–1 is kept
    const score = value('confidencescore');
    const percent = Number(score);
    readsSeen++;
    out.push(
      builder.build(frame.line, {
        vendorReadId: value('guid'),
        plate: value('plate'),
        state: value('state'),
        capturedText,
        capturedAt: parseIso(iso, utc),
        camera: value('cameraname')?.trim() || value('sourcename'),
        latitude: value('latitudey'),
        longitude: value('longitudex'),
        confidence: score !== undefined && percent > 1 ? percent / 100 : score,
        images: [...image('plate', value('plateimage')), ...image('context', value('contextimage'))],
      }),
    );
  };

  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.hasChildren = true;
    const values = new Map<string, string>();
    for (const [name, value] of Object.entries(tag.attributes)) values.set(localName(name), value);
    stack.push({ name: localName(tag.name), line: parser.line, values, text: '', hasChildren: false });
  });
  const onText = (text: string) => {
    const frame = stack[stack.length - 1];
    if (frame && !frame.hasChildren) frame.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const frame = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (frame.values.has('plate')) emit(frame);
    else if (parent && !frame.hasChildren) parent.values.set(frame.name, frame.text);
    else if (parent) for (const [key, value] of frame.values) if (!parent.values.has(key)) parent.values.set(key, value);
  });

  const broken = (error: Error): RowReject => {
    const open = stack.find((frame) => frame.values.has('plate')) ?? stack[1] ?? stack[0];
    return {
      line: open?.line ?? parser.line,
      column: null,
      reason: /unclosed|end of/i.test(error.message)
        ? 'the read starting on this line is cut short: the file ends inside it'
        : `the XML is not well formed here (${error.message}); reading stopped`,
    };
  };

  let started = false;
  for await (const chunk of textChunks(input, options.fileName, 'XML')) {
    if (!started) {
      if (!chunk.trimStart().startsWith('<')) throw new Error(`${options.fileName} is not an XML file: it does not start with <.`);
      started = true;
    }
    try {
      parser.write(chunk);
    } catch (error) {
      if (readsSeen === 0 && out.length === 0)
        throw new Error(`${options.fileName} is not a Genetec XML file: ${(error as Error).message}`);
      yield* out;
      yield broken(error as Error);
      return;
    }
    yield* out;
    out = [];
  }
  try {
    if (started) parser.close();
  } catch (error) {
    yield* out;
    yield broken(error as Error);
    return;
  }
  yield* out;
}
