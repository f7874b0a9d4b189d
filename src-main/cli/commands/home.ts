import type { Command } from 'commander';
import { FIRST_STEPS, HOME_TILES, type FirstStepId, type Home, type HomeTileId } from '../../contract/home';
import { emit } from '../output';
import { callAs, globals } from '../session';

/** The command that lists what each tile opens in the app, with the same filter. */
const TILE_COMMANDS: Record<HomeTileId, string> = {
  'alerts-unverified': 'custodian --case … --purpose … alerts list --status unverified',
  'imports-with-rejects': 'custodian import list --with-rejects',
  'training-expiring': 'custodian user list --show training-expiring',
  'training-missing': 'custodian user list --show training-missing',
  'people-locked-out': 'custodian user list --show locked-out',
  'checkpoint-folder-unset': 'custodian settings set --checkpoint-folder DIR',
  'holds-awaiting-review': 'custodian hold review',
  'reads-past-retention': 'custodian purge --preview',
};

/** The command that takes each first step. */
const STEP_COMMANDS: Record<FirstStepId, string> = {
  'add-people': 'custodian user add --username … --full-name … --role …',
  'record-training': 'custodian training record --username … --course … --completed …',
  'choose-checkpoint-folder': 'custodian settings set --checkpoint-folder DIR',
  'set-up-signing': 'custodian cert generate --name … (or custodian cert import FILE.p12)',
  'import-first-export': 'custodian import FILE',
};

/** The home screen in words: the first steps while any is left, then each tile's count, what it is and the command that lists it. */
export function describeHome(home: Home): string {
  const lines: string[] = [];
  if (home.firstSteps.length > 0) {
    const done = home.firstSteps.filter((step) => step.done).length;
    lines.push(`First steps (${done} of ${home.firstSteps.length} done):`);
    for (const step of home.firstSteps) {
      lines.push(`  [${step.done ? 'x' : ' '}] ${FIRST_STEPS[step.id].title}${step.done ? '' : `: ${STEP_COMMANDS[step.id]}`}`);
    }
    lines.push('');
  }
  const shown = home.tiles.filter((tile) => tile.count > 0 || !('onlyWhenAny' in HOME_TILES[tile.id]));
  if (shown.length === 0) {
    lines.push('Nothing on the home screen is counted for your roles.');
    return lines.join('\n');
  }
  lines.push('What needs you now:');
  const width = Math.max(...shown.map((tile) => String(tile.count).length));
  for (const tile of shown) {
    const spec = HOME_TILES[tile.id];
    lines.push(`  ${String(tile.count).padStart(width)}  ${spec.title}: ${spec.about}`);
    if (tile.detail) lines.push(`  ${' '.repeat(width)}  ${tile.detail}`);
    if (tile.count > 0) lines.push(`  ${' '.repeat(width)}  ${TILE_COMMANDS[tile.id]}`);
  }
  return lines.join('\n');
}

export function registerHomeCommands(program: Command): void {
  program
    .command('home')
    .description('What needs you now, as the home screen of the app counts it for you (and the first steps of a new workspace)')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const home = await callAs(g, 'home.tiles', {});
      emit(!!g.json, home, () => describeHome(home));
    });
}
