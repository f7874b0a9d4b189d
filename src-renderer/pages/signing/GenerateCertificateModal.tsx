import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SigningCertificateInfo } from '../../../src-main/contract/signing';
import { useGate } from '../../app/gate';
import { useFormAction } from '../common/use-form-action';
import { CertificateFormEnd } from './CertificateFormEnd';

/** Make a new RSA 3072 signing certificate; one in use is replaced only when the person says so. */
export function GenerateCertificateModal({
  opened,
  replacing,
  department,
  onClose,
  onMade,
}: {
  opened: boolean;
  replacing: SigningCertificateInfo | null;
  department: string | null;
  onClose(): void;
  onMade(made: SigningCertificateInfo): void;
}) {
  const gate = useGate();
  const [name, setName] = useState('');
  const [replace, setReplace] = useState(false);
  const action = useFormAction<'commonName' | 'replace'>({ byPath: { commonName: 'commonName', replace: 'replace' } });
  const suggested = department ? `Records Unit, ${department}` : '';
  const close = () => {
    action.clear();
    setName('');
    setReplace(false);
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const commonName = (name || suggested).trim();
    if (
      !action.check({
        commonName: commonName.length < 3 && 'Give the name the signatures will carry, at least 3 characters.',
        replace: replacing !== null && !replace && 'Tick this to put the new certificate in place of the one in use.',
      })
    )
      return;
    await action.run(async () => {
      const made = await gate.call('signing.generate', { commonName, replace });
      setName('');
      setReplace(false);
      onMade(made);
    });
  };
  return (
    <Modal opened={opened} onClose={close} title="Make a signing certificate" size="lg">
      <form ref={action.formRef} onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">
            A new RSA 3072 key and a certificate for it, valid five years, signed by itself. Recipients trust it by comparing its
            fingerprint with the one the department gives them; an agency with its own certificate authority imports its certificate
            instead.
          </Text>
          <TextInput
            label="Name on the signatures"
            description={
              department
                ? `The organisation is ${department} (from the department's name in Retention settings).`
                : 'No department name is set: set it under Retention to put it on the certificate.'
            }
            placeholder={suggested || 'Records Unit, Parsons Police Department'}
            required
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              action.clearField('commonName');
            }}
            error={action.fieldErrors.commonName}
            data-autofocus
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
            submit="Make the certificate"
            onCancel={close}
          />
        </Stack>
      </form>
    </Modal>
  );
}
