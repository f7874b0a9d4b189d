import {
  IconAlertTriangle,
  IconBell,
  IconCertificate,
  IconClockExclamation,
  IconFileAlert,
  IconFlame,
  IconFolders,
  IconLock,
  type Icon,
} from '@tabler/icons-react';
import type { HomeTileId } from '../../../src-main/contract/home';

export interface TileView {
  icon: Icon;
  /** a queue of work, or a warning that something protective is missing */
  tone: 'queue' | 'warning';
}

/**
 * The home screen's tiles as the screen draws them. Their words, the permission that shows
 * them and where they lead are in the contract (contract/home.ts), shared with the CLI; a
 * tile added there does not compile until it has its entry here.
 */
export const TILE_VIEWS: Record<HomeTileId, TileView> = {
  'alerts-unverified': { icon: IconBell, tone: 'queue' },
  'imports-with-rejects': { icon: IconFileAlert, tone: 'queue' },
  'training-expiring': { icon: IconClockExclamation, tone: 'queue' },
  'training-missing': { icon: IconCertificate, tone: 'queue' },
  'people-locked-out': { icon: IconLock, tone: 'queue' },
  'checkpoint-folder-unset': { icon: IconAlertTriangle, tone: 'warning' },
  'holds-awaiting-review': { icon: IconFolders, tone: 'queue' },
  'reads-past-retention': { icon: IconFlame, tone: 'queue' },
};
