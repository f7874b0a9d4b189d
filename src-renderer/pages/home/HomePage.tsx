import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { HOME_TILES, type Home } from '../../../src-main/contract/home';
import { useMe } from '../../app/client-context';
import { useGate } from '../../app/gate';
import { routeHref } from '../../app/route';
import { ErrorAlert } from '../common/error-alert';
import { formatCount } from '../common/format';
import { useGateData } from '../common/use-gate-data';
import { FirstSteps } from './FirstSteps';
import { TILE_VIEWS } from './tiles';
import '../common/pages.css';
import './home.css';

/**
 * Home: what needs the signed-in person now, counted for their roles by `home.tiles`; each
 * count opens its list, filtered to what it counts. A new workspace's first steps come first.
 */
export function HomePage() {
  const gate = useGate();
  const me = useMe();
  const home = useGateData(() => gate.call('home.tiles', {}), [gate]);

  return (
    <Stack className="cu-page cu-home" gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>Home</Title>
          <Text className="cu-muted">What needs you now, {me.fullName}. Each count opens its list.</Text>
        </div>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconRefresh size={14} aria-hidden />}
          onClick={() => void home.reload()}
          loading={home.loading && home.data !== null}
        >
          Count again
        </Button>
      </Group>
      <ErrorAlert error={home.error} title="Could not count what needs you" />
      {home.data ? (
        <>
          {home.data.firstSteps.length > 0 && <FirstSteps steps={home.data.firstSteps} />}
          <Tiles tiles={home.data.tiles} />
        </>
      ) : (
        !home.error && <Loader aria-label="Counting what needs you" />
      )}
    </Stack>
  );
}

function Tiles({ tiles }: { tiles: Home['tiles'] }) {
  // a warning first, then the queues in the contract's order
  const shown = tiles
    .filter((tile) => tile.count > 0 || !('onlyWhenAny' in HOME_TILES[tile.id]))
    .sort((a, b) => Number(TILE_VIEWS[b.id].tone === 'warning') - Number(TILE_VIEWS[a.id].tone === 'warning'));
  return (
    <section aria-labelledby="cu-home-now">
      <Title order={2} id="cu-home-now" size="h3" mb="sm">
        What needs you now
      </Title>
      {shown.length === 0 ? (
        <Text>Nothing on the home screen is counted for your roles; the navigation has what you may open.</Text>
      ) : (
        <ul className="cu-tiles">
          {shown.map((tile) => {
            const spec = HOME_TILES[tile.id];
            const view = TILE_VIEWS[tile.id];
            const Icon = view.icon;
            const classes = ['cu-tile', `cu-tile--${view.tone}`, tile.count === 0 ? 'cu-tile--none' : ''].filter(Boolean).join(' ');
            return (
              <li key={tile.id} className={classes} data-tile={tile.id}>
                <Icon size={22} aria-hidden stroke={1.75} className="cu-tile-icon" />
                <a href={routeHref(spec.opens.module, spec.opens.query)} className="cu-tile-link">
                  {view.tone === 'queue' && (
                    <span className="cu-tile-count" data-testid={`tile-count-${tile.id}`}>
                      {formatCount(tile.count)}
                    </span>
                  )}
                  <span className="cu-tile-title">{spec.title}</span>
                </a>
                {tile.detail && <p className="cu-tile-detail">{tile.detail}</p>}
                <p className="cu-tile-about">{spec.about}</p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
