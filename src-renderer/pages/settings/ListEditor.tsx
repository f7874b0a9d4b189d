import { ActionIcon, Button, Group, Input, List, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useId, useState, type KeyboardEvent } from 'react';

export interface ListEditorWords {
  /** the list's label, also the name screen readers give the list */
  label: string;
  description: string;
  /** the add field's label, e.g. "Add a course" */
  addLabel: string;
  /** the add button's text ("Add") */
  addButton: string;
  /** shown when the field is too short to add */
  tooShort: string;
  /** shown when the list is empty */
  empty: string;
}

interface ListEditorProps {
  items: string[];
  onChange(items: string[]): void;
  /** the gate's complaint about the list, shown under it */
  error: string | undefined;
  words: ListEditorWords;
  /** the shortest entry accepted */
  minLength: number;
  maxLength: number;
  /** 'rows': one per line (course names); 'chips': side by side (short words) */
  layout?: 'rows' | 'chips';
  /** how an entry is shown and named in "Remove …" (e.g. in quotes) */
  display?(item: string): string;
}

/**
 * A list of short texts in the settings: each with a Remove button, and a field to add one.
 * Enter in the field adds the entry (it does not save the form). An entry already on the
 * list, ignoring case, is not added twice.
 */
export function ListEditor({ items, onChange, error, words, minLength, maxLength, layout = 'rows', display = (s) => s }: ListEditorProps) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const labelId = useId();
  const errorId = useId();

  const add = () => {
    const item = draft.trim();
    if (item.length < minLength) return setProblem(words.tooShort);
    if (items.some((c) => c.toLowerCase() === item.toLowerCase())) return setProblem(`${display(item)} is already on the list.`);
    onChange([...items, item]);
    setDraft('');
    setProblem(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };

  const shown = problem ?? error;
  return (
    <Input.Wrapper
      labelElement="div"
      label={<span id={labelId}>{words.label}</span>}
      description={words.description}
      error={shown}
      errorProps={{ id: errorId }}
    >
      <List
        aria-labelledby={labelId}
        listStyleType="none"
        spacing={4}
        mt="xs"
        mb="sm"
        className={layout === 'chips' ? 'cu-chip-list' : 'cu-course-list'}
      >
        {items.map((item) => (
          <List.Item key={item}>
            <Group gap="xs" wrap="nowrap" className={layout === 'chips' ? 'cu-chip' : 'cu-course'}>
              <Text size={layout === 'chips' ? 'sm' : undefined}>{display(item)}</Text>
              <ActionIcon
                variant="subtle"
                color="red.9"
                size={layout === 'chips' ? 'sm' : undefined}
                aria-label={`Remove ${display(item)}`}
                onClick={() => onChange(items.filter((c) => c !== item))}
              >
                <IconTrash size={layout === 'chips' ? 14 : 16} aria-hidden />
              </ActionIcon>
            </Group>
          </List.Item>
        ))}
        {items.length === 0 && (
          <List.Item>
            <Text className="cu-muted">{words.empty}</Text>
          </List.Item>
        )}
      </List>
      <Group gap="xs" align="flex-end">
        <TextInput
          label={words.addLabel}
          w={320}
          value={draft}
          maxLength={maxLength}
          onChange={(e) => {
            setDraft(e.currentTarget.value);
            setProblem(null);
          }}
          onKeyDown={onKeyDown}
          aria-describedby={shown ? errorId : undefined}
        />
        <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={add}>
          {words.addButton}
        </Button>
      </Group>
    </Input.Wrapper>
  );
}

export const COURSE_WORDS: ListEditorWords = {
  label: 'Required training courses',
  description: 'Nobody opens ALPR data without a current record of every course on this list.',
  addLabel: 'Add a course',
  addButton: 'Add',
  tooShort: 'Type the name of the course (at least 2 characters).',
  empty: 'No course yet: add at least one.',
};

export const VAGUE_PURPOSE_WORDS: ListEditorWords = {
  label: 'Purposes that state nothing',
  description:
    'A search or any other opening of ALPR data whose purpose is one of these (ignoring case, spaces and punctuation), or is shorter than a sentence fragment, is refused with an example of a real purpose (policy 427.6(b)).',
  addLabel: 'Add a word or phrase',
  addButton: 'Add word',
  tooShort: 'Type the word or phrase to refuse.',
  empty: 'None: only purposes shorter than a sentence fragment are refused.',
};

/** "bolo" → “bolo”: short words read better quoted in a sentence and a button name. */
export const quoted = (s: string) => `“${s}”`;
