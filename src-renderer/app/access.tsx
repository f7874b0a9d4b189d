import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AccessReason } from '../../src-main/contract/schemas';
import { controlsAsSpaces, oneLine } from '../../src-main/contract/sentences';
import type { WorkingCase } from '../../src-main/contract/transport';
import { GateError } from '../client/gate-error';
import { useFieldErrors } from '../pages/common/use-form-action';

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
const ASK_AGAIN = new Set(['purpose-required', 'purpose-vague', 'purpose-one-line']);

/**
 * The page a screen belongs to (its module id, e.g. "search"), given by the frame around
 * the page on screen. The case and purpose are confirmed per page: see `WithAccess`.
 */
const PageContext = createContext<string | null>(null);

/** Everything inside belongs to `page` (the frame wraps the module on screen in it). */
export function OnPage({ page, children }: { page: string; children: ReactNode }) {
  return <PageContext.Provider value={page}>{children}</PageContext.Provider>;
}

/** The page this component belongs to, or null outside any. */
export function usePage(): string | null {
  return useContext(PageContext);
}

/**
 * Run something that opens ALPR data, for `page`, with the case and purpose in use. With none
 * yet, they are asked for first. With one given or confirmed on another page, the person is
 * shown it and confirms it with one click, or changes it, before this page's first ALPR call
 * (later calls there go straight through, until the case changes). When the gate refuses for
 * want of a purpose, or because the purpose states nothing, it asks again (showing the gate's
 * sentence) and retries. Throws AccessCancelled when the person closes the dialog.
 */
export type WithAccess = <T>(run: (access: AccessReason) => Promise<T>, page: string | null) => Promise<T>;

export interface AccessApi {
  /** the case and purpose in use this session, or null until the first is given */
  current: AccessReason | null;
  /** whether the case in use was given or confirmed on this page (asked before its first ALPR call otherwise) */
  confirmedHere: boolean;
  /** ask for a (new) case and purpose now, for this page; resolves null if the person cancels */
  change(): Promise<AccessReason | null>;
  /** the case in use is the one for this page too: no need to ask before its ALPR calls */
  confirmHere(): void;
}

interface AccessContextValue {
  workingCase: WorkingCase | null;
  withAccess: WithAccess;
  change(page: string | null): Promise<AccessReason | null>;
  confirm(page: string): void;
}

const AccessContext = createContext<AccessContextValue | null>(null);

function useAccessContext() {
  const api = useContext(AccessContext);
  if (!api) throw new Error('useAccess() used outside <AccessProvider>');
  return api;
}

/** The case and purpose in use, to show it and to change it, for the page this component is on. */
export function useAccess(): AccessApi {
  const { workingCase, change, confirm } = useAccessContext();
  const page = usePage();
  return {
    current: workingCase?.access ?? null,
    confirmedHere: page === null || (workingCase?.confirmedOn.includes(page) ?? false),
    change: () => change(page),
    confirmHere: () => {
      if (page !== null) confirm(page);
    },
  };
}

/**
 * The case-and-purpose runner, for the gate alone (app/gate.ts): pages call operations
 * through `useGate`, which runs the ALPR ones through this, naming its page. It keeps its
 * identity when the case changes, so a screen's loads do not run again by themselves (one
 * change, one logged read).
 */
export function useWithAccess(): WithAccess {
  return useAccessContext().withAccess;
}

/** The dialog on screen: confirming the case carried from another page, or asking for one. */
interface Question {
  id: number;
  stage: 'confirm' | 'ask';
  /** the case in use (to confirm, or to start the answer from) */
  initial: AccessReason | null;
  /** the gate's refusal when it asked again */
  message: string | null;
  /** give a new case and purpose: in use from now on, confirmed on this page */
  give(access: AccessReason): void;
  /** keep the case in use, confirmed on this page too */
  keep(): void;
  /** from the confirmation to the question: another case */
  toAsk(): void;
  cancel(): void;
}

/**
 * Holds the working case for the session (kept with the session by the services, so an idle
 * lock and a reload keep it, and forgotten at sign-out: see App.tsx) and asks for it in one
 * dialog, the same everywhere. Calls that need it while the dialog is open wait for the
 * same answer.
 */
export function AccessProvider({
  workingCase,
  onWorkingCaseChange,
  children,
}: {
  workingCase: WorkingCase | null;
  onWorkingCaseChange(workingCase: WorkingCase): void;
  children: ReactNode;
}) {
  const [question, setQuestion] = useState<Question | null>(null);
  const latest = useRef(workingCase);
  latest.current = workingCase;
  const asked = useRef(0);
  /** the answer to the dialog on screen */
  const open = useRef<Promise<AccessReason | null> | null>(null);

  const settle = useCallback(
    (next: WorkingCase) => {
      latest.current = next;
      onWorkingCaseChange(next);
    },
    [onWorkingCaseChange],
  );

  const ask = useCallback(
    (stage: Question['stage'], page: string | null, message: string | null) => {
      if (open.current) return open.current;
      const answer = new Promise<AccessReason | null>((resolve) => {
        const finish = (next: WorkingCase | null) => {
          open.current = null;
          setQuestion(null);
          if (next) settle(next);
          resolve(next?.access ?? null);
        };
        setQuestion({
          id: ++asked.current,
          stage,
          initial: latest.current?.access ?? null,
          message,
          give: (access) => finish({ access, confirmedOn: page === null ? [] : [page] }),
          keep: () => {
            const current = latest.current!;
            finish({ access: current.access, confirmedOn: page === null ? current.confirmedOn : [...current.confirmedOn, page] });
          },
          toAsk: () => setQuestion((shown) => shown && { ...shown, stage: 'ask' }),
          cancel: () => finish(null),
        });
      });
      open.current = answer;
      return answer;
    },
    [settle],
  );

  const withAccess = useCallback<WithAccess>(
    async (run, page) => {
      const current = latest.current;
      let given: AccessReason | null = !current
        ? await ask('ask', page, null)
        : page === null || current.confirmedOn.includes(page)
          ? current.access
          : await ask('confirm', page, null);
      let refusal: GateError | null = null;
      for (;;) {
        if (!given) throw new AccessCancelled(refusal);
        try {
          return await run(given);
        } catch (error) {
          // A missing purpose, or one that states nothing: ask again, showing the gate's sentence.
          if (!(error instanceof GateError && ASK_AGAIN.has(error.code))) throw error;
          refusal = error;
          given = await ask('ask', page, error.message);
        }
      }
    },
    [ask],
  );

  const api = useMemo<AccessContextValue>(
    () => ({
      workingCase,
      withAccess,
      change: (page) => ask('ask', page, null),
      confirm: (page) => {
        const current = latest.current;
        if (current && !current.confirmedOn.includes(page)) settle({ ...current, confirmedOn: [...current.confirmedOn, page] });
      },
    }),
    [workingCase, withAccess, ask, settle],
  );

  return (
    <AccessContext.Provider value={api}>
      {children}
      {question &&
        (question.stage === 'confirm' && question.initial ? (
          <ConfirmCaseDialog key={question.id} access={question.initial} question={question} />
        ) : (
          <AccessDialog key={question.id} question={question} />
        ))}
    </AccessContext.Provider>
  );
}

/**
 * The case given on another page, shown before this page's first ALPR call: one click (or
 * Enter) to go on under it, or another case. It is written into the access log with the call.
 */
function ConfirmCaseDialog({ access, question }: { access: AccessReason; question: Question }) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    question.keep();
  };
  return (
    <Modal opened onClose={question.cancel} title="Continue with this case?" size="lg" centered>
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text data-testid="confirm-case">
            Continue with case <strong>{access.caseNumber}</strong>: {access.purpose}?
          </Text>
          <Text size="sm" c="dimmed">
            It was given on another page. What this page opens is written into the access log under it.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={question.toAsk}>
              Change case
            </Button>
            <Button type="submit" data-autofocus>
              Continue
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type AccessField = 'caseNumber' | 'purpose';

function AccessDialog({ question }: { question: Question }) {
  const [caseNumber, setCaseNumber] = useState(question.initial?.caseNumber ?? '');
  const [purpose, setPurpose] = useState(question.initial?.purpose ?? '');
  const { fieldErrors, clearField, check, formRef } = useFieldErrors<AccessField>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = { caseNumber: oneLine(caseNumber), purpose: oneLine(purpose) };
    if (!check({ caseNumber: !next.caseNumber && 'Give the case number.', purpose: !next.purpose && 'Give the purpose.' })) return;
    question.give(next);
  };

  return (
    <Modal opened onClose={question.cancel} title="Case and purpose" size="lg" centered>
      <form ref={formRef} onSubmit={submit} noValidate>
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
            onChange={(event) => {
              setCaseNumber(controlsAsSpaces(event.currentTarget.value));
              clearField('caseNumber');
            }}
            error={fieldErrors.caseNumber}
            maxLength={64}
            required
            data-autofocus
            autoComplete="off"
          />
          <TextInput
            label="Purpose"
            description="Why the data is needed, in one line (e.g. stolen vehicle reported on 28 November)."
            value={purpose}
            onChange={(event) => {
              setPurpose(controlsAsSpaces(event.currentTarget.value));
              clearField('purpose');
            }}
            error={fieldErrors.purpose}
            maxLength={2000}
            required
            autoComplete="off"
          />
          <Text size="sm" c="dimmed">
            It stays in use for your work until you change it or sign out. Enter continues.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={question.cancel}>
              Cancel
            </Button>
            <Button type="submit">Continue</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
