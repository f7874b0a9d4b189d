import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AccessReason } from '../../src-main/contract/schemas';
import { GateError } from '../client/gate-error';

/** Thrown when the person closes the case-and-purpose dialog instead of answering it: nothing was opened. */
export class AccessCancelled extends GateError {
  constructor(
    /** the gate's refusal the dialog was asking again for (a purpose missing, or one that states nothing), if any */
    readonly refusal: GateError | null,
  ) {
    super({ kind: 'invalid', code: 'access-cancelled', message: 'Nothing was opened: ALPR data needs a case number and a purpose.' });
  }
}

/** Whether the person closed the case-and-purpose dialog rather than answering it. */
export function accessWasCancelled(error: unknown): error is AccessCancelled {
  return error instanceof AccessCancelled;
}

/** Refusals that the person answers by giving (another) case and purpose. */
const ASK_AGAIN = new Set(['purpose-required', 'purpose-vague']);

/**
 * Run something that opens ALPR data with the current case and purpose, asking for them
 * first when there are none yet. When the gate refuses for want of a purpose, or because the
 * purpose states nothing, it asks again (showing the gate's sentence) and retries. Throws
 * AccessCancelled when the person closes the dialog.
 */
export type WithAccess = <T>(run: (access: AccessReason) => Promise<T>) => Promise<T>;

export interface AccessApi {
  /** the case and purpose in use this session, or null until the first is given */
  current: AccessReason | null;
  /** ask for a (new) case and purpose now; resolves null if the person cancels */
  change(): Promise<AccessReason | null>;
}

const AccessContext = createContext<(AccessApi & { withAccess: WithAccess }) | null>(null);

function useAccessContext() {
  const api = useContext(AccessContext);
  if (!api) throw new Error('useAccess() used outside <AccessProvider>');
  return api;
}

/** The case and purpose in use, to show it and to change it. */
export function useAccess(): AccessApi {
  return useAccessContext();
}

/**
 * The case-and-purpose runner, for the gate alone (app/gate.ts): pages call operations
 * through `useGate`, which runs the ALPR ones through this. It keeps its identity when the
 * case changes, so a screen's loads do not run again by themselves (one change, one logged read).
 */
export function useWithAccess(): WithAccess {
  return useAccessContext().withAccess;
}

interface Question {
  id: number;
  initial: AccessReason | null;
  /** the gate's refusal when it asked again */
  message: string | null;
  answer(access: AccessReason | null): void;
}

/**
 * Holds the case and purpose for the session (in memory only; the app keeps it across an
 * idle lock and forgets it at sign-out) and asks for it in one dialog, the same everywhere.
 */
export function AccessProvider({
  access,
  onAccessChange,
  children,
}: {
  access: AccessReason | null;
  onAccessChange(access: AccessReason | null): void;
  children: ReactNode;
}) {
  const [question, setQuestion] = useState<Question | null>(null);
  const latest = useRef(access);
  latest.current = access;
  const asked = useRef(0);
  /** the answer to the question on screen: calls that need a case while it is open wait for the same one */
  const open = useRef<Promise<AccessReason | null> | null>(null);

  const ask = useCallback(
    (message: string | null) => {
      if (open.current) return open.current;
      const answer = new Promise<AccessReason | null>((resolve) => {
        setQuestion({
          id: ++asked.current,
          initial: latest.current,
          message,
          answer: (given) => {
            open.current = null;
            setQuestion(null);
            if (given) {
              latest.current = given;
              onAccessChange(given);
            }
            resolve(given);
          },
        });
      });
      open.current = answer;
      return answer;
    },
    [onAccessChange],
  );

  const withAccess = useCallback<WithAccess>(
    async (run) => {
      let given = latest.current ?? (await ask(null));
      let refusal: GateError | null = null;
      for (;;) {
        if (!given) throw new AccessCancelled(refusal);
        try {
          return await run(given);
        } catch (error) {
          // A missing purpose, or one that states nothing: ask again, showing the gate's sentence.
          if (!(error instanceof GateError && ASK_AGAIN.has(error.code))) throw error;
          refusal = error;
          given = await ask(error.message);
        }
      }
    },
    [ask],
  );

  const api = useMemo(() => ({ current: access, change: () => ask(null), withAccess }), [access, ask, withAccess]);

  return (
    <AccessContext.Provider value={api}>
      {children}
      {question && <AccessDialog key={question.id} question={question} />}
    </AccessContext.Provider>
  );
}

function AccessDialog({ question }: { question: Question }) {
  const [caseNumber, setCaseNumber] = useState(question.initial?.caseNumber ?? '');
  const [purpose, setPurpose] = useState(question.initial?.purpose ?? '');
  const [errors, setErrors] = useState<{ caseNumber?: string; purpose?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = { caseNumber: caseNumber.trim(), purpose: purpose.trim() };
    const found = {
      caseNumber: next.caseNumber ? undefined : 'Give the case number.',
      purpose: next.purpose ? undefined : 'Give the purpose.',
    };
    setErrors(found);
    if (found.caseNumber || found.purpose) return;
    question.answer(next);
  };

  return (
    <Modal opened onClose={() => question.answer(null)} title="Case and purpose" size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text>
            ALPR data is opened only for a legitimate law-enforcement purpose, such as a specific criminal investigation or a
            department-related civil or administrative action (policy 427.6(b)). The case number and purpose are written into the access log
            with your name and the time, every time you open the data.
          </Text>
          {question.message && (
            <Alert color="yellow" icon={<IconInfoCircle aria-hidden />} title="The case and purpose are needed">
              {question.message}
            </Alert>
          )}
          <TextInput
            label="Case number"
            description="The report, incident or case number the work is for."
            value={caseNumber}
            onChange={(event) => setCaseNumber(event.currentTarget.value)}
            error={errors.caseNumber}
            maxLength={64}
            required
            data-autofocus
            autoComplete="off"
          />
          <Textarea
            label="Purpose"
            description="Why the data is needed, in a sentence (e.g. stolen vehicle reported on 28 November)."
            value={purpose}
            onChange={(event) => setPurpose(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
            }}
            error={errors.purpose}
            maxLength={2000}
            autosize
            minRows={2}
            maxRows={6}
            required
          />
          <Text size="sm" c="dimmed">
            It stays in use for your work until you change it or sign out.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => question.answer(null)}>
              Cancel
            </Button>
            <Button type="submit">Continue</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
