import type { Readable } from 'node:stream';
import type { PlateReadMapping } from '../../../contract/imports';
import { mappingAs } from './mapping';
import type { ParsedItem, PlateReadRow, ReadOptions } from '../rows';
import type { CsvRecord } from '../../intake/csv';
import { PlateReadBuilder } from './plate-rows';
import { headerNames, mappedColumnIndex, numberedNames, readTable, type TableLayout } from '../../intake/tabular';
import { clockFor, timeParser } from '../../intake/times';

type MappedColumn = keyof PlateReadMapping['columns'];

/**
 * Plate reads from any CSV (or a workbook's first sheet) through a column mapping. This
 * is the import benchmark's hot path: column positions are found once from the header,
 * and each row is a handful of array reads, one time parse and one object.
 */
export function readMappedCsv(input: Readable, options: ReadOptions, vendor?: string): AsyncGenerator<ParsedItem> {
  const mapping = mappingAs(options.mapping, 'plate-reads');
  if (!mapping) {
    throw new Error(
      `${options.fileName} is read through a column mapping, and none was given: choose or save a column mapping (which column holds the plate, the time, ...).`,
    );
  }
  return readTable(input, options, (first) => mappedLayout(first, mapping, options, vendor ?? mapping.vendor), mapping.delimiter);
}

function mappedLayout(first: string[], mapping: PlateReadMapping, options: ReadOptions, vendor: string): TableLayout<PlateReadRow> {
  const names = mapping.hasHeader ? headerNames(first) : numberedNames(first.length);
  const index = (column: MappedColumn): number => mappedColumnIndex(names, mapping.columns[column], column, options.fileName);
  const at = {
    plate: index('plate'),
    captureTime: index('captureTime'),
    captureTimeOfDay: index('captureTimeOfDay'),
    state: index('state'),
    vendorReadId: index('vendorReadId'),
    camera: index('camera'),
    latitude: index('latitude'),
    longitude: index('longitude'),
    confidence: index('confidence'),
    direction: index('direction'),
    make: index('make'),
    model: index('model'),
    color: index('color'),
    image: index('image'),
  };
  const label = (column: number): string => names[column] ?? '';
  const builder = new PlateReadBuilder(
    vendor,
    options,
    {
      plate: label(at.plate),
      capturedAt: label(at.captureTime),
      latitude: label(at.latitude),
      longitude: label(at.longitude),
      confidence: label(at.confidence),
    },
    mapping.confidenceScale,
  );
  const parseTime = timeParser(mapping.timeFormat, clockFor(options.timezone));
  const cell = (fields: string[], column: number): string | null => (column < 0 ? null : fields[column]!);
  return {
    header: mapping.hasHeader,
    names,
    convert({ line, fields }: CsvRecord) {
      let capturedText = fields[at.captureTime]!;
      if (at.captureTimeOfDay >= 0) capturedText = `${capturedText} ${fields[at.captureTimeOfDay]}`;
      const image = cell(fields, at.image);
      return builder.build(line, {
        plate: fields[at.plate],
        capturedText,
        capturedAt: parseTime(capturedText.trim()),
        state: cell(fields, at.state),
        vendorReadId: cell(fields, at.vendorReadId),
        camera: cell(fields, at.camera),
        latitude: cell(fields, at.latitude),
        longitude: cell(fields, at.longitude),
        confidence: cell(fields, at.confidence),
        direction: cell(fields, at.direction),
        make: cell(fields, at.make),
        model: cell(fields, at.model),
        color: cell(fields, at.color),
        images: image ? [{ kind: 'context', file: image.trim() }] : [],
      });
    },
  };
}
