import { Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SigningCertificateInfo } from '../../../src-main/contract/signing';
import { useGate } from '../../app/gate';
import { DropZone } from '../common/DropZone';
import { ErrorAlert } from '../common/error-alert';
import { SendingProgress } from '../common/SendingProgress';
import { useFormAction } from '../common/use-form-action';
import { useUpload } from '../common/use-upload';
import { CertificateFormEnd } from './CertificateFormEnd';

type Field = 'file' | 'passphrase' | 'replace';

/**
 * Import the agency's certificate and key from its PKCS#12 file: the file is sent into the
 * workspace's encrypted staging area, then opened with its passphrase, which is used once and
 * neither kept nor logged.
 */
export function ImportCertificateModal({
  opened,
  replacing,
  onClose,
  onImported,
}: {
  opened: boolean;
  replacing: SigningCertificateInfo | null;
  onClose(): void;
  onImported(made: SigningCertificateInfo): void;
}) {
  const gate = useGate();
  const sending = useUpload();
  const { file, sent, upload } = sending;
  const [passphrase, setPassphrase] = useState('');
  const [replace, setReplace] = useState(false);
  const action = useFormAction<Field>({
    byPath: { passphrase: 'passphrase', replace: 'replace', source: 'file' },
    byCode: {
      'pkcs12-passphrase': 'passphrase',
      'pkcs12-unreadable': 'file',
      'pkcs12-not-rsa': 'file',
      'pkcs12-no-key': 'file',
      'pkcs12-no-certificate': 'file',
      'pkcs12-expired': 'file',
      'signing-certificate-known': 'file',
      'signing-certificate-in-use': 'replace',
    },
  });

  const reset = () => {
    sending.reset();
    setPassphrase('');
    setReplace(false);
    action.clear();
  };
  const close = () => {
    reset();
    onClose();
  };
  const choose = (chosen: File) => {
    action.clearField('file');
    sending.send(chosen);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (
      !action.check({
        file: !upload && (file ? 'Wait until the file has been sent.' : 'Choose the .p12 or .pfx file.'),
        replace: replacing !== null && !replace && 'Tick this to put the imported certificate in place of the one in use.',
      })
    )
      return;
    await action.run(async () => {
      const job = await gate.startJob('signing.import', { source: { uploadId: upload!.uploadId }, passphrase, replace });
      const imported = await job.result;
      reset();
      onImported(imported);
    });
  };

  return (
    <Modal opened={opened} onClose={close} title="Import the agency's signing certificate" size="lg">
      <form ref={action.formRef} onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">
            A PKCS#12 file (.p12 or .pfx) holding the agency&apos;s RSA key and its certificate, as its certificate authority issued them.
            The key is kept in this workspace&apos;s encrypted store; the file&apos;s passphrase is used once to open it and is not kept.
          </Text>
          <DropZone
            single
            title="Drop the PKCS#12 file here"
            hint="A .p12 or .pfx file with the key and its certificate."
            onFiles={([chosen]) => chosen && choose(chosen)}
          />
          {file && (
            <Stack gap={4}>
              <Text size="sm">
                File: <strong>{file.name}</strong>
              </Text>
              {!upload && !sending.error && <SendingProgress sent={sent} size={file.size} />}
              <ErrorAlert error={sending.error} title="The file could not be sent" />
            </Stack>
          )}
          {action.fieldErrors.file && (
            <Text c="red.9" size="sm" role="alert">
              {action.fieldErrors.file}
            </Text>
          )}
          <PasswordInput
            label="The file's passphrase"
            value={passphrase}
            onChange={(e) => {
              setPassphrase(e.currentTarget.value);
              action.clearField('passphrase');
            }}
            error={action.fieldErrors.passphrase}
            aria-invalid={action.fieldErrors.passphrase ? true : undefined}
            autoComplete="off"
          />
          <CertificateFormEnd
            replacing={replacing}
            replace={replace}
            onReplace={(checked) => {
              setReplace(checked);
              action.clearField('replace');
            }}
            replaceError={action.fieldErrors.replace}
            error={action.error}
            busy={action.busy}
            submit="Import the certificate"
            onCancel={close}
          />
        </Stack>
      </form>
    </Modal>
  );
}
