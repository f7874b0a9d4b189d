import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * The frame of the screens before anyone is signed in (set-up, sign-in, recovery, lock):
 * the product's name, one card with the screen's heading, and the main landmark.
 */
export function AuthLayout({ title, children, wide = false }: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className="auth-page">
      <header className="auth-brand">
        <Group gap="xs" justify="center">
          <IconShieldLock size={28} aria-hidden className="brand-icon" />
          <Text fw={700} fz="xl">
            Custodian
          </Text>
        </Group>
        <Text size="sm" c="dimmed" ta="center">
          ALPR records workstation
        </Text>
      </header>
      <main className={wide ? 'auth-card auth-card-wide' : 'auth-card'}>
        <Paper withBorder shadow="sm" radius="md" p="xl">
          <Stack gap="lg">
            <Title order={1} fz="h2">
              {title}
            </Title>
            {children}
          </Stack>
        </Paper>
      </main>
    </div>
  );
}
