import { FIRST_STEPS, HOME_TILES, type FirstStepId, type Home, type HomeItemId, type HomeTileId } from '../../contract/home';
import { roleGranting, type Permission } from '../../contract/permissions';
import type { HomeCount, HomeFigure, OperationContext } from '../gate/context';

const asFigure = (value: number | HomeFigure) => (typeof value === 'number' ? { count: value, detail: null } : value);

/**
 * The home screen: for each tile and first step the person's roles may open, its count. The
 * counts come from the features that hold what they count, put together in the handler table
 * (core/gate/handlers.ts); an item nobody counts does not compile. Nothing is counted for a
 * tile the person may not open.
 */
export function homeHandlers(counts: Record<HomeItemId, HomeCount>) {
  return {
    'home.tiles': (ctx: OperationContext): Home => {
      const mayOpen = (item: { permission: Permission }) => roleGranting(item.permission, ctx.actor.roles) !== undefined;
      const tiles = (Object.keys(HOME_TILES) as HomeTileId[])
        .filter((id) => mayOpen(HOME_TILES[id]))
        .map((id) => ({ id, permission: HOME_TILES[id].permission, ...asFigure(counts[id](ctx)), opens: HOME_TILES[id].opens }));
      const steps = (Object.keys(FIRST_STEPS) as FirstStepId[])
        .filter((id) => mayOpen(FIRST_STEPS[id]))
        .map((id) => ({
          id,
          permission: FIRST_STEPS[id].permission,
          done: asFigure(counts[id](ctx)).count > 0,
          opens: FIRST_STEPS[id].opens,
        }));
      ctx.touch(Object.fromEntries(tiles.map((tile) => [tile.id, tile.count])));
      return { tiles, firstSteps: steps.every((step) => step.done) ? [] : steps };
    },
  };
}
