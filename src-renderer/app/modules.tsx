import {
  IconBell,
  IconFileImport,
  IconFolders,
  IconFlame,
  IconHome,
  IconListCheck,
  IconListDetails,
  IconSearch,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { AccessLogPage } from '../pages/access-log/AccessLogPage';
import { AlertsPage } from '../pages/alerts/AlertsPage';
import { CasesPage } from '../pages/cases/CasesPage';
import { HomePage } from '../pages/home/HomePage';
import { HotlistsPage } from '../pages/hotlists/HotlistsPage';
import { ImportsPage } from '../pages/imports/ImportsPage';
import { PeoplePage } from '../pages/people/PeoplePage';
import { RetentionPage } from '../pages/retention/RetentionPage';
import { SearchPage } from '../pages/search/SearchPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { FIRST_STEPS, HOME_TILES } from '../../src-main/contract/home';
import { roleGranting, type Permission } from '../../src-main/contract/permissions';
import type { Role } from '../../src-main/contract/roles';

export type ModuleId =
  'home' | 'imports' | 'search' | 'hot-lists' | 'alerts' | 'cases' | 'retention' | 'access-log' | 'people' | 'settings';

export interface ModuleInfo {
  id: ModuleId;
  /** the navigation label and the page's heading */
  name: string;
  icon: Icon;
  page: ComponentType;
  /**
   * Who is offered the module: anyone whose roles grant one of these (the permission table in
   * the contract decides), or everyone signed in ('self'). Only offered modules are in the
   * navigation; a page opened by its address still says who may use it, and the gate decides.
   */
  opensWith: readonly Permission[] | 'self';
}

/** The home screen is offered to whoever may open one of its tiles or take one of its first steps. */
const HOME_PERMISSIONS: readonly Permission[] = [
  ...new Set([...Object.values(HOME_TILES), ...Object.values(FIRST_STEPS)].map((item) => item.permission)),
];

/** Every module, in the navigation's order. Modules not built yet are not listed until they are. */
export const MODULES: readonly ModuleInfo[] = [
  { id: 'home', name: 'Home', icon: IconHome, page: HomePage, opensWith: HOME_PERMISSIONS },
  { id: 'imports', name: 'Imports', icon: IconFileImport, page: ImportsPage, opensWith: ['imports.run', 'imports.read'] },
  { id: 'search', name: 'Search', icon: IconSearch, page: SearchPage, opensWith: ['alpr.read'] },
  { id: 'hot-lists', name: 'Hot lists', icon: IconListCheck, page: HotlistsPage, opensWith: ['alpr.read'] },
  { id: 'alerts', name: 'Alerts', icon: IconBell, page: AlertsPage, opensWith: ['alpr.read'] },
  { id: 'cases', name: 'Cases & holds', icon: IconFolders, page: CasesPage, opensWith: ['cases.read'] },
  { id: 'retention', name: 'Retention', icon: IconFlame, page: RetentionPage, opensWith: ['retention.read'] },
  { id: 'access-log', name: 'Access log', icon: IconListDetails, page: AccessLogPage, opensWith: ['audit.read'] },
  { id: 'people', name: 'People & training', icon: IconUsers, page: PeoplePage, opensWith: ['users.read'] },
  // everyone may read the workspace's rules (settings.get); only the commander changes them
  { id: 'settings', name: 'Settings', icon: IconSettings, page: SettingsPage, opensWith: 'self' },
];

export function moduleById(id: string): ModuleInfo | undefined {
  return MODULES.find((m) => m.id === id);
}

/** The modules a person with these roles is offered, in the navigation's order. */
export function modulesFor(roles: readonly Role[]): ModuleInfo[] {
  return MODULES.filter((m) => m.opensWith === 'self' || m.opensWith.some((permission) => roleGranting(permission, roles) !== undefined));
}

/**
 * Where a person lands after signing in: the home screen, or, for someone none of whose roles
 * opens anything on it (an auditor, today), the access log, their work; else the first module offered.
 */
export function homeModule(roles: readonly Role[]): ModuleId {
  const offered = modulesFor(roles).map((m) => m.id);
  return LANDING_ORDER.find((id) => offered.includes(id)) ?? offered[0] ?? 'settings';
}

const LANDING_ORDER: readonly ModuleId[] = ['home', 'access-log'];
