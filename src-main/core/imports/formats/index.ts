import type { ImportFormat } from '../../../contract/imports';
import type { FormatReader } from '../rows';
import { readFlockAudit } from './flock-audit';
import { readFlockEvents } from './flock-events';
import { readFlockReads } from './flock-reads';
import { readFlockSearchAudit } from './flock-search-audit';
import { readGenetec } from './genetec';
import { readMappedCsv } from './mapped-csv';
import { readRekor } from './rekor';

/**
 * The vendor formats Custodian reads (../shared/formats/VENDOR-FORMATS.md): one streaming
 * reader per format, format detection, and the starting mapping for the editor.
 */
export const READERS: Record<ImportFormat, FormatReader> = {
  'flock-reads': { format: 'flock-reads', target: 'plate-reads', needsMapping: false, read: readFlockReads },
  'flock-audit': { format: 'flock-audit', target: 'vendor-audit', needsMapping: false, read: readFlockAudit },
  'flock-events': { format: 'flock-events', target: 'vendor-events', needsMapping: false, read: readFlockEvents },
  'flock-search-audit': { format: 'flock-search-audit', target: 'vendor-search-audit', needsMapping: false, read: readFlockSearchAudit },
  genetec: { format: 'genetec', target: 'plate-reads', needsMapping: false, read: readGenetec },
  rekor: { format: 'rekor', target: 'plate-reads', needsMapping: false, read: readRekor },
  csv: { format: 'csv', target: 'plate-reads', needsMapping: true, read: (input, options) => readMappedCsv(input, options) },
};

export { detectFormat, type Detection } from './detect';
export { suggestColumnMapping, suggestLogMapping, suggestMapping } from './mapping';
