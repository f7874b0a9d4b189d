import { Button } from '@mantine/core';
import { IconFileDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { saveFile } from '../common/save-file';

/**
 * Save a purge run's certificate: the gate makes the PDF again from what the run stored and
 * checks it against the SHA-256 kept when it ran; the file is handed over as a download.
 */
export function CertificateButton({ runId }: { runId: number }) {
  const gate = useGate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const job = await gate.startJob('purge.certificate', { runId });
      const certificate = await job.result;
      saveFile(
        Uint8Array.from(atob(certificate.pdfBase64), (c) => c.charCodeAt(0)),
        certificate.fileName,
        'application/pdf',
      );
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconFileDownload size={16} aria-hidden />}
        loading={busy}
        onClick={() => void save()}
      >
        Save certificate of run {runId}
      </Button>
      <ErrorAlert error={error} title={`Could not make the certificate of run ${runId}`} />
    </>
  );
}
