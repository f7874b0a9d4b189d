import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCertificate, IconFileDownload, IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { SigningCertificateInfo, SigningState } from '../../../src-main/contract/signing';
import { useGate } from '../../app/gate';
import { ErrorAlert } from '../common/error-alert';
import { HashCopy } from '../common/HashCopy';
import { roleList, usePermissions } from '../common/permissions';
import { saveFile } from '../common/save-file';
import { SuccessNotice } from '../common/success-notice';
import { formatUtcTime, LocalTime } from '../common/time';
import { useGateData } from '../common/use-gate-data';
import { GenerateCertificateModal } from './GenerateCertificateModal';
import { ImportCertificateModal } from './ImportCertificateModal';
import './signing.css';

/**
 * The department's signing certificate, in Settings: what signs its purge certificates and
 * approval records, its fingerprint for recipients to compare, the public certificate to
 * save, and (for the commander) making a new one or importing the agency's. The key itself
 * never reaches the screen.
 */
export function SigningSection({ department }: { department: string | null }) {
  const gate = useGate();
  const { may, rolesFor } = usePermissions();
  const mayManage = may('signing.manage');
  const state = useGateData(() => gate.call('signing.show', {}), [gate], may('signing.read'));
  const [making, setMaking] = useState(false);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (!may('signing.read')) return null;

  const changed = (made: SigningCertificateInfo, how: string) => {
    setMaking(false);
    setImporting(false);
    setNotice(`${how} "${made.commonName}": new purge certificates and records are signed with it.`);
    void state.reload();
  };
  const current = state.data?.current ?? null;

  return (
    <Paper withBorder p="md" maw={760} component="section" aria-labelledby="cu-signing-title">
      <Stack gap="sm">
        <Group gap="xs">
          <IconCertificate size={22} aria-hidden />
          <Title order={2} size="h4" id="cu-signing-title">
            Signing certificate
          </Title>
        </Group>
        <Text size="sm" className="cu-muted">
          The department digitally signs its purge certificates and release approval records with this certificate, so a recipient&apos;s
          PDF reader can tell that a record is the department&apos;s and unaltered. Its private key is kept only inside this
          workspace&apos;s encrypted store.
        </Text>
        <SuccessNotice message={notice} onClose={() => setNotice(null)} />
        <ErrorAlert error={state.error} title="Could not read the signing certificate" />
        {state.data && !current && (
          <Alert color="yellow" title="No signing certificate yet">
            Documents are made unsigned until one is made here or the agency&apos;s own is imported
            {mayManage ? '.' : ` (by ${roleList(rolesFor('signing.manage'))}).`}
          </Alert>
        )}
        {current && <CurrentCertificate certificate={current} />}
        {mayManage && state.data && (
          <Group>
            <Button
              leftSection={<IconPlus size={18} aria-hidden />}
              variant={current ? 'default' : 'filled'}
              onClick={() => setMaking(true)}
            >
              {current ? 'Make a new certificate' : 'Make a certificate'}
            </Button>
            <Button leftSection={<IconKey size={18} aria-hidden />} variant="default" onClick={() => setImporting(true)}>
              Import the agency&apos;s certificate
            </Button>
          </Group>
        )}
        {state.data && <EarlierCertificates state={state.data} />}
      </Stack>
      <GenerateCertificateModal
        opened={making}
        replacing={current}
        department={department}
        onClose={() => setMaking(false)}
        onMade={(made) => changed(made, 'Made')}
      />
      <ImportCertificateModal
        opened={importing}
        replacing={current}
        onClose={() => setImporting(false)}
        onImported={(made) => changed(made, 'Imported')}
      />
    </Paper>
  );
}

function CurrentCertificate({ certificate }: { certificate: SigningCertificateInfo }) {
  const rows: [string, React.ReactNode][] = [
    ['Signs as', <strong key="name">{certificate.commonName}</strong>],
    ['Organisation', certificate.organization ?? 'not named'],
    [
      'Key',
      `${certificate.keyDescription}, ${certificate.origin === 'generated' ? 'made in this workspace' : "the agency's own, imported"}`,
    ],
    [
      certificate.origin === 'generated' ? 'Made' : 'Imported',
      <span key="added">
        <LocalTime iso={certificate.addedAt} /> by {certificate.addedBy}
      </span>,
    ],
    ['Valid', `${formatUtcTime(certificate.notBefore)} to ${formatUtcTime(certificate.notAfter)}`],
    ['SHA-256 fingerprint', <HashCopy key="fingerprint" hash={certificate.fingerprint} />],
  ];
  return (
    <Stack gap="xs">
      <dl className="cu-signing-fields" aria-label="The certificate in use">
        {rows.map(([label, value]) => (
          <div key={label} className="cu-signing-field">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <Group>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconFileDownload size={16} aria-hidden />}
          onClick={() => saveFile(certificate.certificatePem, 'department-signing-certificate.pem', 'application/x-pem-file')}
        >
          Save the public certificate (PEM)
        </Button>
        <Text size="xs" className="cu-muted">
          For recipients: it holds no key. They compare its fingerprint with the one above.
        </Text>
      </Group>
    </Stack>
  );
}

function EarlierCertificates({ state }: { state: SigningState }) {
  const retired = state.all.filter((c) => c.retiredAt !== null);
  if (retired.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        Earlier certificates, kept: documents they signed are made again with them
      </Text>
      <Table withTableBorder fz="sm" verticalSpacing={4} aria-label="Earlier signing certificates">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Signed as</Table.Th>
            <Table.Th scope="col">Fingerprint (SHA-256, first 16)</Table.Th>
            <Table.Th scope="col">Replaced</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {retired.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.commonName}</Table.Td>
              <Table.Td className="cu-hash">{c.fingerprint.slice(0, 16)}…</Table.Td>
              <Table.Td>
                <LocalTime iso={c.retiredAt!} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
