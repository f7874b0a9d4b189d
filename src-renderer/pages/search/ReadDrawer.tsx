import { Drawer, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ReadDetail, ReadImage, SearchHit } from '../../../src-main/contract/search';
import type { AccessReason } from '../../../src-main/contract/schemas';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { formatBytes, formatCount } from '../common/format';
import { formatLocalTime, LocalTime } from '../common/time';
import { HashCopy } from '../common/HashCopy';
import { useGateData } from '../common/use-gate-data';
import { confidenceText, vehicleText } from '../common/read-text';

interface ReadDrawerProps {
  hit: SearchHit | null;
  /** the case and purpose of the search the read was found by */
  access: AccessReason;
  onClose(): void;
}

/** One read opened (`search.read`, logged under the search's case): its full images, decrypted in memory, and where it came from. */
export function ReadDrawer({ hit, access, onClose }: ReadDrawerProps) {
  return (
    <Drawer
      opened={hit !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={hit ? `Plate read ${hit.plate}` : 'Plate read'}
      closeButtonProps={{ 'aria-label': 'Close the read' }}
    >
      {hit && <ReadDetails key={hit.id} readId={hit.id} access={access} />}
    </Drawer>
  );
}

function ReadDetails({ readId, access }: { readId: number; access: AccessReason }) {
  const gate = useGate(access);
  const opened = useGateData(() => gate.call('search.read', { readId }), [gate, readId]);
  const detail = opened.data;
  if (!detail)
    return opened.error ? <ErrorAlert error={opened.error} title="Could not open this read" /> : <Loader aria-label="Opening the read" />;
  return (
    <Stack gap="lg">
      <Text size="sm" className="cu-muted">
        Opened for case {access.caseNumber}: {access.purpose}. The images are decrypted in memory for this screen only; the access log
        records the opening.
      </Text>
      <ReadImages detail={detail} />
      <ReadFields detail={detail} />
      <Provenance detail={detail} />
    </Stack>
  );
}

const KIND_NAMES: Record<ReadImage['kind'], string> = { plate: 'Plate', context: 'Scene', vehicle: 'Vehicle' };

function ReadImages({ detail }: { detail: ReadDetail }) {
  const plate = detail.read.plate;
  if (detail.images.length === 0) return <Text>This read came without images.</Text>;
  return (
    <section aria-labelledby="cu-read-images">
      <Title order={3} size="h5" id="cu-read-images" mb="xs">
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

function ReadFields({ detail }: { detail: ReadDetail }) {
  const read = detail.read;
  const place = read.latitude !== null && read.longitude !== null ? `${read.latitude}, ${read.longitude}` : '—';
  return (
    <section aria-labelledby="cu-read-fields">
      <Title order={3} size="h5" id="cu-read-fields" mb="xs">
        The read
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
        <dt>Location</dt>
        <dd>{place}</dd>
        <dt>Confidence</dt>
        <dd>{confidenceText(read.confidence)}</dd>
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

function Provenance({ detail }: { detail: ReadDetail }) {
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
        <dd>{p.format}</dd>
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
