import { useRef, useState } from 'react';
import type { UploadedFile } from '../../../src-main/contract/transport';
import { useClient } from '../../app/client-context';

export interface FileUpload {
  file: { name: string; size: number } | null;
  /** bytes sent so far */
  sent: number;
  /** the staged upload, once the whole file has arrived */
  upload: UploadedFile | null;
  error: unknown;
  /**
   * Send a file into the workspace's encrypted staging area (`client.upload`), in place of any
   * earlier one; `isCurrent` tells the caller's own work on the same file whether a later choice
   * has made it stale.
   */
  send(file: File): { isCurrent(): boolean };
  reset(): void;
}

/** One file sent to be staged, with its progress; a file chosen later makes an earlier one's answers stale. */
export function useUpload(): FileUpload {
  const client = useClient();
  const [file, setFile] = useState<{ name: string; size: number } | null>(null);
  const [sent, setSent] = useState(0);
  const [upload, setUpload] = useState<UploadedFile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const reset = () => {
    generation.current++;
    setFile(null);
    setSent(0);
    setUpload(null);
    setError(null);
  };

  const send = (chosen: File) => {
    reset();
    const mine = generation.current;
    const isCurrent = () => mine === generation.current;
    setFile({ name: chosen.name, size: chosen.size });
    client
      .upload(chosen, (bytes) => isCurrent() && setSent(bytes))
      .then((done) => isCurrent() && (setUpload(done), setSent(chosen.size)))
      .catch((problem: unknown) => isCurrent() && setError(problem));
    return { isCurrent };
  };

  return { file, sent, upload, error, send, reset };
}
