import { Alert, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Permission } from '../../../src-main/contract/permissions';
import { roleList, usePermissions } from './permissions';

/**
 * A page for someone none of whose roles grants `permission`: its heading, and who may
 * instead ("Only a commander or an administrator may read hot lists."). The gate would
 * refuse them anyway; this says so before they try.
 */
export function NotAvailable({ heading, permission, doing }: { heading: ReactNode; permission: Permission; doing: string }) {
  const { rolesFor } = usePermissions();
  return (
    <Stack className="cu-page">
      {heading}
      <Alert color="gray" title="Not available to you">
        {/* the sentence's end in one text node, so the browser lays it out as one run of text */}
        Only {roleList(rolesFor(permission))}
        {` may ${doing}.`}
      </Alert>
    </Stack>
  );
}
