import { Button, Group, Text } from '@mantine/core';
import { IconBriefcase } from '@tabler/icons-react';
import { useAccess } from '../../app/access';

/**
 * The case and purpose this page's ALPR calls carry (policy 427.6(b)), on every page that
 * opens ALPR data: asked once, then used for every following call and written into the access
 * log with each. A case given on another page is confirmed before this page's first ALPR call
 * (the gate's dialog asks; "Use it here" says so at once). "Change" asks again; `onChanged`
 * reloads what the page shows, now under the case chosen.
 */
export function WorkingOn({ onChanged }: { onChanged?(): void }) {
  const access = useAccess();
  const change = async () => {
    if (await access.change()) onChanged?.();
  };
  const useHere = () => {
    access.confirmHere();
    onChanged?.();
  };
  return (
    <Group gap="sm" wrap="nowrap" className="cu-working-on" role="group" aria-label="Case and purpose in use">
      <IconBriefcase size={18} aria-hidden className="cu-working-on-icon" />
      <Text size="sm" className="cu-working-on-text" data-testid="working-on">
        {access.current ? (
          <>
            Working on case <strong>{access.current.caseNumber}</strong>: {access.current.purpose}
            {!access.confirmedHere && <> (given on another page: confirm it before anything opens here)</>}
          </>
        ) : (
          'No case and purpose given yet: this page opens ALPR data only with them.'
        )}
      </Text>
      {access.current && !access.confirmedHere && (
        <Button size="compact-sm" onClick={useHere}>
          Use it here
        </Button>
      )}
      <Button size="compact-sm" variant="default" onClick={() => void change()}>
        {access.current ? 'Change case and purpose' : 'Give case and purpose'}
      </Button>
    </Group>
  );
}
