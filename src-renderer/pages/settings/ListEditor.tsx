import { ActionIcon, Button, Group, Input, List, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useId, useState, type KeyboardEvent } from 'react';

interface CoursesEditorProps {
  courses: string[];
  onChange(courses: string[]): void;
  /** the gate's complaint about the list, shown under it */
  error: string | undefined;
}

/**
 * The required training courses (policy 427.4(d)): a list with Remove buttons and a field
 * to add one. Enter in the field adds the course (it does not save the form).
 */
export function CoursesEditor({ courses, onChange, error }: CoursesEditorProps) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const labelId = useId();
  const errorId = useId();

  const add = () => {
    const course = draft.trim();
    if (course.length < 2) return setProblem('Type the name of the course (at least 2 characters).');
    if (courses.some((c) => c.toLowerCase() === course.toLowerCase())) return setProblem(`${course} is already on the list.`);
    onChange([...courses, course]);
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
      label={<span id={labelId}>Required training courses</span>}
      description="Nobody opens ALPR data without a current record of every course on this list."
      error={shown}
      errorProps={{ id: errorId }}
    >
      <List aria-labelledby={labelId} listStyleType="none" spacing={4} mt="xs" mb="sm" className="cu-course-list">
        {courses.map((course) => (
          <List.Item key={course}>
            <Group gap="xs" wrap="nowrap" className="cu-course">
              <Text>{course}</Text>
              <ActionIcon
                variant="subtle"
                color="red.9"
                aria-label={`Remove ${course}`}
                onClick={() => onChange(courses.filter((c) => c !== course))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          </List.Item>
        ))}
        {courses.length === 0 && (
          <List.Item>
            <Text className="cu-muted">No course yet: add at least one.</Text>
          </List.Item>
        )}
      </List>
      <Group gap="xs" align="flex-end">
        <TextInput
          label="Add a course"
          w={320}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          aria-describedby={shown ? errorId : undefined}
        />
        <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={add}>
          Add
        </Button>
      </Group>
    </Input.Wrapper>
  );
}
