import { Text, Title } from '@mantine/core';
import { useState } from 'react';
import { importFormatName } from '../../../src-main/contract/imports';
import type { ReadDetail, ReadImage } from '../../../src-main/contract/search';
import { formatBytes, formatCount } from './format';
import { formatLocalTime, LocalTime } from './time';
import { HashCopy } from './HashCopy';
import { confidenceText, placeText, vehicleText } from './read-text';
import './read-detail.css';

// One stored read opened (`search.read`): its images, decrypted in memory, its fields and where it came from. Shown by
// Search's drawer and the Alerts drawer alike.

const KIND_NAMES: Record<ReadImage['kind'], string> = { plate: 'Plate', context: 'Scene', vehicle: 'Vehicle' };

/** `order`: the heading's level, one below the section the images are shown in. */
export function ReadImages({ detail, order = 3 }: { detail: ReadDetail; order?: 3 | 4 }) {
  const plate = detail.read.plate;
  if (detail.images.length === 0) return <Text>This read came without images.</Text>;
  return (
    <section aria-labelledby="cu-read-images">
      <Title order={order} size="h5" id="cu-read-images" mb="xs">
        Images
      </Title>
      <div className="cu-read-images">
        {detail.images.map((image) => (
          <figure key={image.id} className="cu-read-figure">
            {image.dataUrl ? (
              <SmallAwareImage src={image.dataUrl} alt={`${KIND_NAMES[image.kind]} image of ${plate}`} />
            ) : (
              <Text size="sm" className="cu-read-link">
                Held by the vendor, not fetched (this workstation reaches nothing outside):{' '}
                <span className="cu-mono cu-break">{image.link ?? 'no link'}</span>
              </Text>
            )}
            <figcaption>
              <Text size="sm" fw={600} component="span">
                {KIND_NAMES[image.kind]}
              </Text>
              <Text size="sm" component="span" className="cu-muted">
                {' '}
                {[image.mediaType, image.size === null ? null : formatBytes(image.size)].filter(Boolean).join(', ')}
              </Text>
              {image.sha256 && (
                <Text size="xs" className="cu-hash" title="SHA-256 of the image as received">
                  SHA-256 {image.sha256}
                </Text>
              )}
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}

/** Shown large; an image only a few pixels wide (a small plate crop) is enlarged without blurring. */
function SmallAwareImage({ src, alt }: { src: string; alt: string }) {
  const [small, setSmall] = useState(false);
  return (
    <img
      src={src}
      alt={alt}
      className={small ? 'cu-read-image cu-read-image--small' : 'cu-read-image'}
      onLoad={(event) => setSmall(event.currentTarget.naturalWidth < 160)}
    />
  );
}

export function ReadFields({ detail, heading = 'The read', order = 3 }: { detail: ReadDetail; heading?: string; order?: 3 | 4 }) {
  const read = detail.read;
  return (
    <section aria-labelledby="cu-read-fields">
      <Title order={order} size="h5" id="cu-read-fields" mb="xs">
        {heading}
      </Title>
      <dl className="cu-entry-fields">
        <dt>Plate</dt>
        <dd className="cu-plate">{read.plate}</dd>
        <dt>State</dt>
        <dd>{read.state ?? '—'}</dd>
        <dt>Captured</dt>
        <dd>
          {formatLocalTime(read.capturedAt)}
          <br />
          <span className="cu-muted cu-mono">{read.capturedAt}</span> UTC; written in the file as{' '}
          <span className="cu-mono">{read.capturedText}</span>
        </dd>
        <dt>Camera</dt>
        <dd>{read.camera ?? '—'}</dd>
        {read.cameraLabel && (
          <>
            <dt>Camera name</dt>
            <dd>{read.cameraLabel}</dd>
          </>
        )}
        {read.agentLabel && (
          <>
            <dt>Agent</dt>
            <dd>{read.agentLabel}</dd>
          </>
        )}
        <dt>Location</dt>
        <dd>{placeText(read)}</dd>
        <dt>Confidence</dt>
        <dd>{confidenceText(read.confidence)}</dd>
        {read.plateCandidates.length > 0 && (
          <>
            <dt>Other readings</dt>
            <dd>
              <ol className="cu-read-candidates" aria-label="Other readings of the plate, best first">
                {read.plateCandidates.map((candidate, index) => (
                  <li key={`${candidate.plate}-${index}`}>
                    <span className="cu-plate">{candidate.plate}</span> {confidenceText(candidate.confidence)}
                    {candidate.matchesTemplate && <span className="cu-muted"> · fits the plate pattern</span>}
                  </li>
                ))}
              </ol>
            </dd>
          </>
        )}
        <dt>Parked</dt>
        <dd>{read.parked === null ? '—' : read.parked ? 'Yes' : 'No'}</dd>
        <dt>Direction</dt>
        <dd>{read.direction ?? '—'}</dd>
        <dt>Vehicle</dt>
        <dd>{vehicleText(read)}</dd>
        <dt>Vendor</dt>
        <dd>
          {read.vendor}
          {read.vendorReadId && <span className="cu-muted cu-mono cu-break"> {read.vendorReadId}</span>}
        </dd>
      </dl>
    </section>
  );
}

export function Provenance({ detail }: { detail: ReadDetail }) {
  const p = detail.provenance;
  return (
    <section aria-labelledby="cu-read-provenance" data-testid="provenance">
      <Title order={3} size="h5" id="cu-read-provenance" mb="xs">
        Where it came from
      </Title>
      <dl className="cu-entry-fields">
        <dt>Import</dt>
        <dd>#{p.importId}</dd>
        <dt>File</dt>
        <dd className="cu-break">{p.fileName}</dd>
        {p.entry && (
          <>
            <dt>Entry in the file</dt>
            <dd className="cu-break">{p.entry}</dd>
          </>
        )}
        <dt>Line</dt>
        <dd>{formatCount(p.line)}</dd>
        <dt>File SHA-256</dt>
        <dd>
          <HashCopy hash={p.fileSha256} />
        </dd>
        <dt>Format</dt>
        <dd>{importFormatName(p.format)}</dd>
        <dt>Imported by</dt>
        <dd>{p.importedBy}</dd>
        <dt>Imported</dt>
        <dd>
          <LocalTime iso={p.importedAt} />
        </dd>
      </dl>
    </section>
  );
}
