import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { GateError, messageOf } from '../../client/gate-error';
import { withLocalTimes } from './time';

/** The gate's sentence, with any ISO timestamp in it (e.g. "locked until 2026-11-29T21:04:22Z") written as local time. */
function readableMessage(error: unknown): string {
  return withLocalTimes(messageOf(error));
}

/**
 * A refusal or failure, shown next to what caused it, in the gate's own words. Refusals
 * ("denied") and bad input read differently from failures, so a person knows whether to
 * fix something or to ask someone.
 */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (error === null || error === undefined) return null;
  const kind = error instanceof GateError ? error.kind : 'failed';
  const heading =
    title ??
    (kind === 'denied' ? 'Not allowed' : kind === 'invalid' ? 'Please check' : kind === 'not-found' ? 'Not found' : 'Something went wrong');
  return (
    <Alert role="alert" color={kind === 'invalid' ? 'yellow' : 'red'} title={heading} icon={<IconAlertTriangle aria-hidden />}>
      {readableMessage(error)}
    </Alert>
  );
}
