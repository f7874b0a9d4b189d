import { Alert, List, Stack, Text, Title } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';

/** A module that is not built yet: what it will do, from Policy 427, and nothing else. */
export function PlannedPage({ name, summary, details }: { name: string; summary: string; details: readonly string[] }) {
  return (
    <Stack gap="lg" className="page planned">
      <Title order={1}>{name}</Title>
      <Alert color="gray" variant="outline" icon={<IconTools aria-hidden />} title="Not built yet">
        This module is planned. Nothing here works yet, and nothing is shown until it does.
      </Alert>
      <section aria-labelledby="planned-what">
        <Stack gap="sm">
          <Title order={2} id="planned-what" fz="h3">
            What it will do
          </Title>
          <Text>{summary}</Text>
          {details.length > 0 && (
            <List spacing="xs">
              {details.map((detail) => (
                <List.Item key={detail}>{detail}</List.Item>
              ))}
            </List>
          )}
        </Stack>
      </section>
    </Stack>
  );
}
