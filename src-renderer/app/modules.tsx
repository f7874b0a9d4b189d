import {
  IconArchive,
  IconBell,
  IconBriefcase,
  IconFileImport,
  IconHourglass,
  IconListCheck,
  IconListDetails,
  IconSearch,
  IconSend,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { AccessLogPage } from '../pages/access-log/AccessLogPage';
import { AlertsPage } from '../pages/alerts/AlertsPage';
import { HotlistsPage } from '../pages/hotlists/HotlistsPage';
import { ImportsPage } from '../pages/imports/ImportsPage';
import { PeoplePage } from '../pages/people/PeoplePage';
import { PlannedPage } from '../pages/planned/PlannedPage';
import { SearchPage } from '../pages/search/SearchPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import type { Role } from '../../src-main/contract/roles';

export type ModuleId =
  'imports' | 'search' | 'hot-lists' | 'alerts' | 'cases' | 'retention' | 'releases' | 'evidence' | 'access-log' | 'people' | 'settings';

export interface ModuleInfo {
  id: ModuleId;
  /** the navigation label and the page's heading */
  name: string;
  icon: Icon;
  page: ComponentType;
}

/**
 * What the modules not built yet will do, from Policy 427. Each paragraph is shown on the
 * module's page with "Not built yet"; nothing else (no sample data).
 */
const PLANNED: Partial<Record<ModuleId, { summary: string; details: string[] }>> = {
  cases: {
    summary: 'The investigations that need plate reads kept beyond 30 days, and the holds that keep those reads.',
    details: [
      'A specific file retained as part of an ongoing police department investigation is kept in accordance with the established records retention schedule (policy 427.5).',
      'Each hold will name the case, the reads it keeps, who placed it and why; releasing a hold returns the reads to normal retention.',
    ],
  },
  retention: {
    summary:
      'Plate reads are kept 30 days and then destroyed, unless a specific file is retained as part of an ongoing investigation (policy 427.5).',
    details: [
      'Purge runs will destroy expired reads and their images, skipping everything under a hold, and produce a purge certificate listing what was destroyed and when.',
      'Once held data is no longer needed under the retention schedule it should be purged, unless it has become, or is reasonably expected to become, evidence or is subject to a discovery request or other lawful action to produce records.',
    ],
  },
  releases: {
    summary:
      'Requests for ALPR data from other law-enforcement or prosecutorial agencies, for official law-enforcement purposes or as otherwise permitted by law (policy 427.7).',
    details: [
      'The agency makes a written request naming the agency, the person requesting, and the intended purpose of obtaining the information.',
      'The request is reviewed by the Administration Division Commander or the authorised designee and approved before it is fulfilled; the approved request is retained on file.',
      'Requests from non-law-enforcement or non-prosecutorial agencies are processed under the Records Maintenance and Release Policy.',
    ],
  },
  evidence: {
    summary:
      'Plate reads that have become, or are reasonably expected to become, evidence in a criminal or civil action, or that are subject to a discovery request, are downloaded onto portable media and booked into evidence (policy 427.5).',
    details: [
      'Evidence packages will carry the reads and images with checksums and their chain of custody, so the copy can be shown to be complete and unaltered.',
    ],
  },
};

function planned(id: ModuleId, name: string): ComponentType {
  const plan = PLANNED[id] ?? { summary: '', details: [] };
  return function Planned() {
    return <PlannedPage name={name} summary={plan.summary} details={plan.details} />;
  };
}

/** Every module, in the navigation's order. */
export const MODULES: readonly ModuleInfo[] = [
  { id: 'imports', name: 'Imports', icon: IconFileImport, page: ImportsPage },
  { id: 'search', name: 'Search', icon: IconSearch, page: SearchPage },
  { id: 'hot-lists', name: 'Hot lists', icon: IconListCheck, page: HotlistsPage },
  { id: 'alerts', name: 'Alerts', icon: IconBell, page: AlertsPage },
  { id: 'cases', name: 'Cases & holds', icon: IconBriefcase, page: planned('cases', 'Cases & holds') },
  { id: 'retention', name: 'Retention', icon: IconHourglass, page: planned('retention', 'Retention') },
  { id: 'releases', name: 'Releases', icon: IconSend, page: planned('releases', 'Releases') },
  { id: 'evidence', name: 'Evidence', icon: IconArchive, page: planned('evidence', 'Evidence') },
  {
    id: 'access-log',
    name: 'Access log',
    icon: IconListDetails,
    page: AccessLogPage,
  },
  {
    id: 'people',
    name: 'People & training',
    icon: IconUsers,
    page: PeoplePage,
  },
  {
    id: 'settings',
    name: 'Settings',
    icon: IconSettings,
    page: SettingsPage,
  },
];

export function moduleById(id: string): ModuleInfo | undefined {
  return MODULES.find((m) => m.id === id);
}

/** Where a person lands after signing in: the auditor's work is the access log; everyone else starts at Search. */
export function homeModule(roles: readonly Role[]): ModuleId {
  return roles.length > 0 && roles.every((r) => r === 'auditor') ? 'access-log' : 'search';
}
