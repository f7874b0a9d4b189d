import {
  LOG_MAPPING_FIELDS,
  MAPPING_KINDS,
  mappingKind,
  type ColumnMapping,
  type LogMapping,
  type MappingKind,
  type PlateReadMapping,
} from '../../../contract/imports';

/**
 * Column mappings: the one given for a file, checked against what the file is read as, and a
 * starting mapping for the Imports page's editor (and the command line's advice) from common
 * header names. Names are compared without case, spaces or punctuation; the first pattern that
 * a column matches wins, in the order listed (so "Camera Name" beats "Camera Id").
 */
type Column = keyof PlateReadMapping['columns'];

type MappingOf<K extends MappingKind> = Extract<ColumnMapping, { maps?: K }>;

/** The mapping given, when it describes what the file is read as (`kind`); one that describes something else is refused. */
export function mappingAs<K extends MappingKind>(mapping: ColumnMapping | undefined, kind: K): MappingOf<K> | undefined {
  if (!mapping) return undefined;
  const maps = mappingKind(mapping);
  if (maps !== kind) {
    throw new Error(
      `The column mapping given describes ${MAPPING_KINDS[maps].what}, but the file is read as ${MAPPING_KINDS[kind].what}; choose a mapping for that.`,
    );
  }
  return mapping as MappingOf<K>;
}

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

/** A plate-read mapping from the file's column names, or null when no plate and capture time can be told. */
export function suggestMapping(columns: string[], vendor?: string): PlateReadMapping | null {
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
  const mapped: PlateReadMapping['columns'] = { plate, captureTime };
  if (timeOfDay !== undefined) mapped.captureTimeOfDay = timeOfDay;
  for (const column of Object.keys(NAMES) as (keyof typeof NAMES)[]) {
    if (column === 'plate' || column === 'captureTime') continue;
    const name = find(NAMES[column]);
    if (name !== undefined) mapped[column] = name;
  }
  return { vendor: vendor ?? 'unknown', delimiter: ',', hasHeader: true, columns: mapped, confidenceScale: 1 };
}

/**
 * Other names third parties give the columns of Flock's audits when they re-extract them
 * ("Org_Name", "Search_Time", "User", "Agency"), squashed like the file's names; each
 * field's own Flock name (LOG_MAPPING_FIELDS) is tried first.
 */
const LOG_NAMES: { [K in LogMapping['maps']]: Partial<Record<keyof Extract<LogMapping, { maps: K }>['columns'], string[]>> } = {
  'flock-audit': {
    id: ['searchid', 'auditid', 'entryid', 'uuid'],
    name: ['username', 'user', 'officer', 'officername', 'searcher', 'searchedby'],
    orgName: ['organization', 'organisation', 'organizationname', 'agency', 'agencyname', 'org'],
    networksSearched: ['networkssearched', 'networks', 'networkcount'],
    devicesSearched: ['devicessearched', 'devices', 'devicecount', 'camerassearched', 'cameras'],
    timeFrame: ['timewindow', 'daterange', 'searchwindow'],
    plate: ['plate', 'platenumber', 'licenseplatenumber', 'lpn'],
    reason: ['purpose', 'searchreason'],
    caseNumber: ['case', 'casenumber', 'caseno', 'casenum'],
    searchDate: ['date'],
    searchTime: ['searchedat', 'searchdatetime', 'searchtimestamp', 'timestamp', 'time'],
    searchType: ['type'],
    textPrompt: ['prompt'],
  },
  'flock-search-audit': {
    id: ['searchid', 'uuid'],
    userId: ['user', 'username', 'officer', 'searcher', 'searchedby'],
    searchDate: ['searchtime', 'searchedat', 'date', 'timestamp'],
    networkCount: ['networks', 'networkssearched', 'cameracount', 'camerassearched', 'cameras'],
    reason: ['purpose', 'searchreason'],
  },
};

/** How many of a log's columns a file must name, its time among them, for a mapping to be suggested. */
const LOG_LEAST: Record<LogMapping['maps'], number> = { 'flock-audit': 4, 'flock-search-audit': 3 };
const LOG_TIME = { 'flock-audit': 'searchTime', 'flock-search-audit': 'searchDate' } as const;

function suggestLog(columns: string[], kind: LogMapping['maps']): { mapping: LogMapping; matched: number } | null {
  const keys = columns.map(squash);
  const used = new Set<number>();
  const fields = LOG_MAPPING_FIELDS[kind] as Record<string, string>;
  const others = LOG_NAMES[kind] as Record<string, string[] | undefined>;
  const mapped: Record<string, string> = {};
  // Flock's own names first, for every field, so an alias never takes another field's column.
  for (const pass of [(field: string) => [squash(fields[field]!)], (field: string) => others[field] ?? []]) {
    for (const field of Object.keys(fields)) {
      if (mapped[field] !== undefined) continue;
      const at = keys.findIndex((key, index) => pass(field).includes(key) && !used.has(index));
      if (at < 0) continue;
      used.add(at);
      mapped[field] = columns[at]!;
    }
  }
  const matched = Object.keys(mapped).length;
  if (mapped[LOG_TIME[kind]] === undefined || matched < LOG_LEAST[kind]) return null;
  return { mapping: { maps: kind, delimiter: ',', hasHeader: true, columns: mapped } as LogMapping, matched };
}

/**
 * A mapping for a file whose header is one of Flock's audit logs under other names, or null.
 * The log that names most of the file's columns wins; on a tie, the one of whose own columns
 * the file has the larger share (five of a search audit's five, not five of an audit's sixteen).
 */
export function suggestLogMapping(columns: string[]): LogMapping | null {
  const share = (s: { mapping: LogMapping; matched: number }) => s.matched / Object.keys(LOG_MAPPING_FIELDS[s.mapping.maps]).length;
  const found = (['flock-audit', 'flock-search-audit'] as const)
    .map((kind) => suggestLog(columns, kind))
    .filter((s): s is { mapping: LogMapping; matched: number } => s !== null)
    .sort((a, b) => b.matched - a.matched || share(b) - share(a));
  return found[0]?.mapping ?? null;
}

/** The starting mapping for a file of unknown layout: an audit log's when its columns say so, else plate reads', else none. */
export function suggestColumnMapping(columns: string[]): ColumnMapping | null {
  return suggestLogMapping(columns) ?? suggestMapping(columns);
}
