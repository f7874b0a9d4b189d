import { Button, Center, Loader, MantineProvider, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkingCase } from '../src-main/contract/transport';
import { AccessProvider, OnPage } from './app/access';
import { ClientContext, MeContext } from './app/client-context';
import { AppFrame } from './app/frame';
import { homeModule } from './app/modules';
import { useHashModule } from './app/route';
import { watchSession } from './app/session-watch';
import { useAppStatus } from './app/status';
import { cssVariablesResolver, theme } from './app/theme';
import { connect } from './client/client';
import { AuthLayout } from './pages/common/auth-layout';
import { ErrorAlert } from './pages/common/error-alert';
import { LockPage } from './pages/lock/LockPage';
import { RecoveryCodePage } from './pages/setup/RecoveryCodePage';
import { SetUpPage } from './pages/setup/SetUpPage';
import { RecoverPage } from './pages/sign-in/RecoverPage';
import { SignInPage } from './pages/sign-in/SignInPage';

/**
 * The providers. Mantine writes no <style> elements (the CSP forbids them): its CSS
 * variables come from main.tsx through a constructed stylesheet, its static CSS from
 * @mantine/core/styles.css, and the breakpoint helper classes are not used.
 */
export function App() {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      withCssVariables={false}
      withGlobalClasses={false}
      forceColorScheme="light"
    >
      <Workstation />
    </MantineProvider>
  );
}

/** A recovery code waiting to be shown once (after set-up or after a password reset). */
interface CodeToShow {
  code: string;
  username: string;
  reason: 'set-up' | 'recovered';
}

/**
 * The app's state machine, driven by the services' status (asked for every 5 s and after
 * any refusal that says the session locked or ended): no workspace → first-run set-up;
 * signed out → sign-in (or recovery); locked → lock screen; active → the app frame.
 */
function Workstation() {
  const onSessionChange = useRef<() => void>(() => undefined);
  const [client] = useState(() => connect((transport) => watchSession(transport, () => onSessionChange.current())));
  const { status, error, refresh } = useAppStatus(client);
  onSessionChange.current = () => void refresh();

  const [codeToShow, setCodeToShow] = useState<CodeToShow | null>(null);
  const [signInName, setSignInName] = useState('');
  const [signInNotice, setSignInNotice] = useState<string | null>(null);
  const [recovering, setRecovering] = useState(false);
  const { current: routed, clear: clearRoute } = useHashModule();

  const session = status?.session;
  const who = session && session.state !== 'signed-out' ? session.me.username : null;
  // The case and purpose belong to one person's session and are kept with it by the services,
  // so an idle lock and a reload keep them and sign-out forgets them. Changed here, the change
  // is used at once and sent to the services; until then the session's own is used.
  const [changedCase, setChangedCase] = useState<{ who: string; workingCase: WorkingCase } | null>(null);
  const workingCase =
    changedCase && changedCase.who === who
      ? changedCase.workingCase
      : session && session.state !== 'signed-out'
        ? session.workingCase
        : null;
  const onWorkingCaseChange = useCallback(
    (next: WorkingCase) => {
      if (who === null) return;
      setChangedCase({ who, workingCase: next });
      // Kept for a reload of the page; if this fails (the session just locked or ended), the case stays in use on this page.
      client.setWorkingCase(next).catch(() => undefined);
    },
    [client, who],
  );
  const lastWho = useRef<string | null>(null);
  useEffect(() => {
    if (status === null) return;
    if (who !== lastWho.current) {
      if (lastWho.current !== null) {
        setChangedCase(null);
        clearRoute();
        setSignInName('');
      }
      lastWho.current = who;
    }
  }, [status, who, clearRoute]);

  const afterSignOut = useCallback(() => {
    setSignInNotice(null);
    void refresh();
  }, [refresh]);

  let screen;
  if (status === null) {
    screen = error ? (
      <Unreachable error={error} />
    ) : (
      <Center mih="100vh">
        <Stack align="center" gap="sm">
          <Loader aria-label="Opening Custodian" />
          <Text>Opening Custodian…</Text>
        </Stack>
      </Center>
    );
  } else if (error) {
    screen = <Unreachable error={error} />;
  } else if (codeToShow) {
    screen = (
      <RecoveryCodePage
        code={codeToShow.code}
        reason={codeToShow.reason}
        onContinue={() => {
          setSignInName(codeToShow.username);
          setSignInNotice(
            codeToShow.reason === 'set-up'
              ? 'The workspace is ready. Sign in as its commander.'
              : 'The password was reset. Sign in with the new password.',
          );
          setCodeToShow(null);
          setRecovering(false);
          void refresh();
        }}
      />
    );
  } else if (!status.workspace.exists) {
    screen = (
      <SetUpPage
        folder={status.workspace.dir}
        onDone={({ username, recoveryCode }) => setCodeToShow({ code: recoveryCode, username, reason: 'set-up' })}
      />
    );
  } else if (status.session.state === 'signed-out') {
    screen = recovering ? (
      <RecoverPage
        onBack={() => setRecovering(false)}
        onRecovered={({ username, recoveryCode }) => setCodeToShow({ code: recoveryCode, username, reason: 'recovered' })}
      />
    ) : (
      <SignInPage
        key={signInName}
        initialUsername={signInName}
        notice={signInNotice}
        onSignedIn={async () => {
          setSignInNotice(null);
          await refresh();
        }}
        onForgot={() => setRecovering(true)}
      />
    );
  } else if (status.session.state === 'locked') {
    screen = <LockPage me={status.session.me} onUnlocked={refresh} onSignedOut={afterSignOut} />;
  } else {
    const me = status.session.me;
    const current = routed ?? homeModule(me.roles);
    screen = (
      <MeContext.Provider value={me}>
        <AccessProvider workingCase={workingCase} onWorkingCaseChange={onWorkingCaseChange}>
          {/* The header and the page belong to the module on screen: a case given or confirmed there is confirmed for it. */}
          <OnPage page={current}>
            <AppFrame current={current} warnings={status.session.warnings} onSignedOut={afterSignOut} />
          </OnPage>
        </AccessProvider>
      </MeContext.Provider>
    );
  }

  return <ClientContext.Provider value={client}>{screen}</ClientContext.Provider>;
}

function Unreachable({ error }: { error: unknown }) {
  return (
    <AuthLayout title="Custodian cannot be reached">
      <ErrorAlert error={error} title="No connection" />
      <Text>
        The window lost its connection to the Custodian services. Nothing was changed by this; reload to connect again. In browser mode, if
        the server was stopped, start it again and open the new link it prints.
      </Text>
      <Button onClick={() => window.location.reload()}>Reload</Button>
    </AuthLayout>
  );
}
