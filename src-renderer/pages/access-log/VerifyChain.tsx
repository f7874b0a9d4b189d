import { Button, FileButton, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconFileCertificate, IconShieldCheck, IconX } from '@tabler/icons-react';
import { ErrorAlert } from '../common/error-alert';
import { JobProgress } from '../common/job-progress';
import { formatCount, plural } from '../common/format';
import type { VerifyResult } from '../../../src-main/contract/schemas';
import type { VerifyChain, VerifyOutcome } from './use-verify-chain';

/** The "Verify chain" button, and the checkpoint file to check as well. */
export function VerifyButtons({ chain }: { chain: VerifyChain }) {
  return (
    <Group gap="xs">
      <Button leftSection={<IconShieldCheck size={18} aria-hidden />} onClick={() => void chain.verify()} disabled={chain.running}>
        Verify chain
      </Button>
      <FileButton onChange={(file) => void chain.chooseCheckpoint(file)} accept="application/json,.json">
        {(props) => (
          <Button {...props} variant="default" leftSection={<IconFileCertificate size={18} aria-hidden />} disabled={chain.running}>
            {chain.checkpoint ? 'Change checkpoint file' : 'Add a checkpoint file'}
          </Button>
        )}
      </FileButton>
      {chain.checkpoint && (
        <Group gap={4}>
          <Text size="sm">Also checking {chain.checkpoint.name}</Text>
          <Button
            size="compact-sm"
            variant="subtle"
            color="gray"
            aria-label={`Do not check ${chain.checkpoint.name}`}
            onClick={chain.clearCheckpoint}
            disabled={chain.running}
          >
            <IconX size={14} aria-hidden />
          </Button>
        </Group>
      )}
    </Group>
  );
}

/** The running verification (progress bar and Cancel), then its outcome, said plainly. */
export function VerifyStatus({ chain }: { chain: VerifyChain }) {
  return (
    <div className="cu-tool-status">
      {chain.fileError && (
        <Text role="alert" size="sm" className="cu-problem">
          {chain.fileError}
        </Text>
      )}
      {chain.running && (
        <Paper withBorder p="sm" maw={720}>
          <JobProgress
            label="Verifying the access log chain"
            progress={chain.progress}
            onCancel={() => void chain.cancel()}
            cancelling={chain.cancelling}
          />
        </Paper>
      )}
      <div aria-live="polite">{chain.outcome && <Outcome outcome={chain.outcome} />}</div>
    </div>
  );
}

function Outcome({ outcome }: { outcome: VerifyOutcome }) {
  if (outcome.kind === 'error') return <ErrorAlert error={outcome.error} title="The verification could not run" />;
  if (outcome.kind === 'cancelled') return <Text>Verification cancelled before it finished; nothing was concluded.</Text>;
  const { result } = outcome;
  if (result.ok) {
    return (
      <Text fw={600} className="cu-verified">
        Intact: {plural(result.entries, 'entry', 'entries')}, {plural(result.checkpointsChecked, 'checkpoint')} checked.
      </Text>
    );
  }
  const { problem, schemaProblems } = result;
  return (
    <Stack gap={2} role="alert">
      {problem ? (
        <>
          <Text fw={700} className="cu-problem">
            The access log is not intact{problem.seq != null ? ` (entry ${formatCount(problem.seq)})` : ''}.
          </Text>
          <Text className="cu-problem">{problem.message}</Text>
          <Text size="sm">Checked {plural(result.entries, 'entry', 'entries')} before the problem.</Text>
        </>
      ) : (
        <>
          <Text fw={700} className="cu-problem">
            {schemaProblems.some((p) => p.appendOnly)
              ? 'Records that must never change are no longer protected: the store was changed outside Custodian.'
              : 'The store was changed outside Custodian.'}
          </Text>
          <Text size="sm">
            The {plural(result.entries, 'entry', 'entries')} chain correctly ({plural(result.checkpointsChecked, 'checkpoint')} checked),
            but:
          </Text>
        </>
      )}
      {problem && schemaProblems.length > 0 && (
        <Text fw={700} className="cu-problem" mt="xs">
          The store was also changed outside Custodian:
        </Text>
      )}
      {schemaProblems.length > 0 && <SchemaProblemList problems={schemaProblems} />}
      <Text size="sm" mt={4}>
        Report this to the commander and leave the workstation as it is.
      </Text>
    </Stack>
  );
}

/** Each table, index, view or trigger not as Custodian made it; those that guarded append-only records in red, and first. */
function SchemaProblemList({ problems }: { problems: VerifyResult['schemaProblems'] }) {
  return (
    <List size="sm" spacing={2} aria-label="Changed outside Custodian">
      {problems.map((p) => (
        <List.Item key={`${p.type} ${p.name}`} className={p.appendOnly ? 'cu-problem' : undefined}>
          {p.message}
        </List.Item>
      ))}
    </List>
  );
}
