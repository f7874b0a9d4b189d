import { Button, Stack, Text } from '@mantine/core';
import { IconFilePlus, IconUpload } from '@tabler/icons-react';
import { useRef, useState, type DragEvent } from 'react';

export interface DropZoneProps {
  onFiles(files: File[]): void;
  disabled?: boolean;
  /** what to drop, e.g. "Drop a hot-list file here" */
  title?: string;
  /** the formats taken, in a sentence */
  hint?: string;
  /** one file at a time (the picker offers one; of several dropped, the first is taken) */
  single?: boolean;
}

/**
 * Where files come in: dropped on the zone, or chosen with the system's file picker (a real
 * <input type=file> behind a button, so the keyboard reaches it). Nothing is read from a
 * path: the page has only the files it was given. Used by the Imports and Hot lists pages.
 */
export function DropZone({
  onFiles,
  disabled = false,
  title = 'Drop vendor exports here',
  hint = "Flock audit logs and plate reads (CSV, XLSX, JSON), Genetec XML, Rekor JSON, other vendors' CSV by a mapping, or a ZIP export.",
  single = false,
}: DropZoneProps) {
  const take = (files: File[]) => onFiles(single ? files.slice(0, 1) : files);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');

  return (
    <div
      className={over ? 'cu-dropzone cu-dropzone--over' : 'cu-dropzone'}
      data-testid="dropzone"
      onDragOver={(event) => {
        if (!hasFiles(event) || disabled) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        if (disabled) return;
        const files = [...event.dataTransfer.files];
        if (files.length > 0) take(files);
      }}
    >
      <Stack align="center" gap="xs">
        <IconUpload size={32} aria-hidden stroke={1.5} />
        <Text fw={600}>{title}</Text>
        <Text size="sm" className="cu-muted" ta="center">
          {hint}
        </Text>
        <Button
          variant="default"
          leftSection={<IconFilePlus size={18} aria-hidden />}
          onClick={() => input.current?.click()}
          disabled={disabled}
        >
          {single ? 'Choose a file…' : 'Choose files…'}
        </Button>
        <input
          ref={input}
          type="file"
          multiple={!single}
          hidden
          aria-hidden
          tabIndex={-1}
          data-testid="file-input"
          onChange={(event) => {
            const files = [...(event.currentTarget.files ?? [])];
            event.currentTarget.value = '';
            if (files.length > 0) take(files);
          }}
        />
      </Stack>
    </div>
  );
}
