import { Alert, Button, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import {
  IconAlertTriangle,
  IconChevronDown,
  IconCircleCheck,
  IconKey,
  IconLogout,
  IconMenu2,
  IconShieldLock,
  IconUserCircle,
  IconX,
} from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useAccess } from './access';
import { ChangePasswordDialog } from './change-password';
import { useMe } from './client-context';
import { useGate } from './gate';
import { moduleById, MODULES, modulesFor, type ModuleId } from './modules';
import { useFoldingNavigation, type FoldingNavigation } from './folding-navigation';
import { rolesText } from './roles';
import { roleGranting } from '../../src-main/contract/permissions';
import { ErrorAlert } from '../pages/common/error-alert';
import { useAction } from '../pages/common/use-action';

/**
 * The signed-in app: header (product, current case, the person and their menu), the
 * navigation of the modules the person's roles may use, and the current module's page in the
 * main landmark. At 1024 px wide and below the navigation folds behind the header's Modules button.
 *
 * Laid out with plain CSS (styles.css), not Mantine's AppShell: AppShell writes its sizes
 * into a <style> element, which the Content-Security-Policy forbids.
 */
export function AppFrame({
  current,
  warnings,
  onSignedOut,
}: {
  current: ModuleId;
  /** what the person was warned of at sign-in (the access log against its checkpoint outside), shown on every page */
  warnings: readonly string[];
  onSignedOut(): void;
}) {
  const me = useMe();
  const offered = modulesFor(me.roles);
  const module = moduleById(current) ?? offered[0] ?? MODULES[0]!;
  const Page = module.page;
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  const menu = useFoldingNavigation();

  // After moving to another module, put the keyboard at the top of its page.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [current]);

  return (
    <div className="frame" ref={menu.frameRef}>
      <a className="skip-link" href="#main">
        Skip to the page
      </a>
      <Header onSignedOut={onSignedOut} menu={menu} />
      {menu.open && <div className="nav-backdrop" aria-hidden onClick={menu.close} />}
      <nav id="frame-nav" className={menu.open ? 'frame-nav is-open' : 'frame-nav'} aria-label="Modules" ref={menu.navRef}>
        <ul>
          {offered.map((m) => {
            const Icon = m.icon;
            const here = m.id === module.id;
            return (
              <li key={m.id}>
                <a href={`#/${m.id}`} className="nav-link" aria-current={here ? 'page' : undefined} onClick={menu.close}>
                  <Icon size={20} aria-hidden stroke={1.75} />
                  <span>{m.name}</span>
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" className="frame-main" ref={mainRef} tabIndex={-1}>
        {warnings.map((warning) => (
          <Alert
            key={warning}
            color="red"
            variant="filled"
            icon={<IconAlertTriangle aria-hidden />}
            title="The access log needs looking into"
            role="alert"
            mb="md"
            data-testid="log-warning"
          >
            {warning}
          </Alert>
        ))}
        <Page key={module.id} />
      </main>
    </div>
  );
}

function Header({ onSignedOut, menu }: { onSignedOut(): void; menu: FoldingNavigation }) {
  const gate = useGate();
  const me = useMe();
  const access = useAccess();
  const [changing, setChanging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // The case and purpose matter only to someone who may open ALPR data (not to an auditor).
  const mayOpenAlpr = roleGranting('alpr.read', me.roles) !== undefined;

  const signingOut = useAction();
  const signOut = () =>
    signingOut.run(async () => {
      await gate.call('session.signOut', {});
      onSignedOut();
    });

  return (
    <header className="frame-header" ref={menu.headerRef}>
      <UnstyledButton className="nav-toggle" aria-expanded={menu.open} aria-controls="frame-nav" onClick={menu.toggle} ref={menu.toggleRef}>
        {menu.open ? <IconX size={22} aria-hidden /> : <IconMenu2 size={22} aria-hidden />}
        <span>Modules</span>
      </UnstyledButton>
      <Group gap="xs" wrap="nowrap" className="brand">
        <IconShieldLock size={26} aria-hidden className="brand-icon" />
        <Text fw={700} fz="lg" component="span">
          Custodian
        </Text>
      </Group>

      {mayOpenAlpr ? (
        <Group gap="sm" wrap="nowrap" className="current-case" aria-label="Current case" role="group">
          {access.current ? (
            <Text size="sm" className="case-text" title={access.current.purpose}>
              <span className="case-label">Case</span> <strong data-testid="current-case">{access.current.caseNumber}</strong>
              <span className="case-purpose">{access.current.purpose}</span>
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              No case chosen
            </Text>
          )}
          <Button size="compact-sm" variant="default" onClick={() => void access.change()}>
            {access.current ? 'Change case' : 'Choose case'}
          </Button>
        </Group>
      ) : (
        <span className="current-case" />
      )}

      <Menu position="bottom-end" width={260} shadow="md">
        <Menu.Target>
          <UnstyledButton className="person-button">
            <IconUserCircle size={28} aria-hidden stroke={1.5} />
            <span className="person-text">
              <VisuallyHidden>Signed in as </VisuallyHidden>
              <span className="person-name">{me.fullName}</span>
              <span className="person-roles">{rolesText(me.roles)}</span>
            </span>
            <IconChevronDown size={16} aria-hidden />
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {me.fullName} ({me.username})
          </Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={() => setChanging(true)}>
            Change my password
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>

      {(notice || signingOut.error !== null) && (
        <div className="frame-notice">
          {notice && (
            <Alert
              color="teal"
              icon={<IconCircleCheck aria-hidden />}
              withCloseButton
              closeButtonLabel="Dismiss"
              onClose={() => setNotice(null)}
              role="status"
            >
              {notice}
            </Alert>
          )}
          <ErrorAlert error={signingOut.error} title="Not signed out" />
        </div>
      )}

      <ChangePasswordDialog
        opened={changing}
        onClose={() => setChanging(false)}
        onChanged={() => {
          setChanging(false);
          setNotice('Your password was changed. Use the new one from now on.');
        }}
      />
    </header>
  );
}
