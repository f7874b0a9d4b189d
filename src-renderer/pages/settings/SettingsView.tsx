import { List, Stack, Text, Title } from '@mantine/core';
import type { Settings } from '../../../src-main/contract/schemas';
import { plural } from '../common/format';
import { quoted, VAGUE_PURPOSE_WORDS } from './ListEditor';

/** The settings as they are, for someone who may not change them. */
export function SettingsView({ settings }: { settings: Settings }) {
  return (
    <Stack gap="lg" maw={640}>
      <div>
        <Title order={2} size="h4" id="cu-required-courses">
          Required training courses
        </Title>
        <Text size="sm" className="cu-muted" mb="xs">
          Nobody opens ALPR data without a current record of every course on this list.
        </Text>
        <List aria-labelledby="cu-required-courses">
          {settings.requiredCourses.map((course) => (
            <List.Item key={course}>{course}</List.Item>
          ))}
        </List>
      </div>
      <div>
        <Title order={2} size="h4">
          Screen lock
        </Title>
        <Text data-testid="idle-minutes">The screen locks after {plural(settings.idleMinutes, 'idle minute')}.</Text>
      </div>
      <div>
        <Title order={2} size="h4" id="cu-vague-purposes">
          {VAGUE_PURPOSE_WORDS.label}
        </Title>
        <Text size="sm" className="cu-muted" mb="xs">
          {VAGUE_PURPOSE_WORDS.description}
        </Text>
        {settings.vaguePurposes.length === 0 ? (
          <Text>{VAGUE_PURPOSE_WORDS.empty}</Text>
        ) : (
          <List aria-labelledby="cu-vague-purposes" listStyleType="none" className="cu-chip-list">
            {settings.vaguePurposes.map((word) => (
              <List.Item key={word} className="cu-chip">
                <Text size="sm">{quoted(word)}</Text>
              </List.Item>
            ))}
          </List>
        )}
      </div>
      <div>
        <Title order={2} size="h4">
          Checkpoint folder
        </Title>
        <Text data-testid="checkpoint-folder">
          {settings.checkpointFolder
            ? `Signed checkpoints of the access log are written to ${settings.checkpointFolder}.`
            : 'None chosen: no checkpoint of the access log is kept outside this workstation.'}
        </Text>
      </div>
    </Stack>
  );
}
