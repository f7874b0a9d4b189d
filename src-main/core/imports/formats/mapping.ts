import type { ColumnMapping } from '../../../contract/imports';

/**
 * A starting column mapping for the Imports page's editor, from common header names.
 * Names are compared without case, spaces or punctuation; the first pattern that a column
 * matches wins, in the order listed (so "Camera Name" beats "Camera Id").
 */
type Column = keyof ColumnMapping['columns'];

const NAMES: Record<Exclude<Column, 'captureTimeOfDay'>, string[]> = {
  plate: [
    'plate',
    'platenumber',
    'plateno',
    'platetext',
    'plateread',
    'licenseplate',
    'licenseplatenumber',
    'license',
    'licence',
    'licenceplate',
    'tag',
    'tagnumber',
    'lpn',
    'vrm',
    'bestplatenumber',
  ],
  captureTime: [
    'capturedat',
    'capturetime',
    'capturedatetime',
    'timestamp',
    'datetime',
    'readtime',
    'readat',
    'readdatetime',
    'eventtime',
    'time',
    'date',
    'readdate',
    'capturedate',
    'utcdate',
  ],
  state: ['state', 'platestate', 'region', 'plateregion', 'province', 'jurisdiction', 'bestregion'],
  vendorReadId: ['id', 'readid', 'uuid', 'guid', 'recordid', 'eventid', 'bestuuid'],
  camera: ['cameraname', 'devicename', 'camera', 'device', 'cameraid', 'deviceid', 'reader', 'readername', 'sourcename', 'source'],
  latitude: ['latitude', 'lat', 'gpslatitude', 'latitudey'],
  longitude: ['longitude', 'lon', 'lng', 'long', 'gpslongitude', 'longitudex'],
  confidence: ['confidence', 'plateconfidence', 'confidencescore', 'score', 'bestconfidence'],
  direction: ['direction', 'traveldirection', 'heading'],
  make: ['make', 'vehiclemake'],
  model: ['model', 'vehiclemodel'],
  color: ['color', 'colour', 'vehiclecolor', 'vehiclecolour'],
  image: ['image', 'imagefile', 'imagepath', 'imagename', 'photo', 'photofile', 'picture', 'contextimage', 'plateimage'],
};

function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function suggestMapping(columns: string[], vendor?: string): ColumnMapping | null {
  const keys = columns.map(squash);
  const used = new Set<number>();
  const find = (names: string[]): string | undefined => {
    for (const name of names) {
      const at = keys.findIndex((key, index) => key === name && !used.has(index));
      if (at >= 0) {
        used.add(at);
        return columns[at];
      }
    }
    return undefined;
  };
  const plate = find(NAMES.plate);
  // a date column and a time column, when there is no combined one
  const combined = find(NAMES.captureTime.slice(0, NAMES.captureTime.indexOf('time')));
  const date = combined ?? find(['date', 'readdate', 'capturedate', 'utcdate']);
  const timeOfDay = combined === undefined && date !== undefined ? find(['time', 'readtime', 'capturetime', 'utctime']) : undefined;
  const captureTime = date ?? find(['time']);
  if (plate === undefined || captureTime === undefined) return null;
  const mapped: ColumnMapping['columns'] = { plate, captureTime };
  if (timeOfDay !== undefined) mapped.captureTimeOfDay = timeOfDay;
  for (const column of Object.keys(NAMES) as (keyof typeof NAMES)[]) {
    if (column === 'plate' || column === 'captureTime') continue;
    const name = find(NAMES[column]);
    if (name !== undefined) mapped[column] = name;
  }
  return { vendor: vendor ?? 'unknown', delimiter: ',', hasHeader: true, columns: mapped, confidenceScale: 1 };
}
