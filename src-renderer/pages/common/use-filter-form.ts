import { useEffect, useState, type FormEvent } from 'react';

type Problems<Field extends string> = Partial<Record<Field, string>>;

interface FilterFormOptions<Form extends Record<Field, string>, Field extends string> {
  /** the form as last applied (or as a link asked for): the form starts from it and follows it */
  applied: Form;
  onApply(form: Form): void;
  /** the form with nothing filtered, which Clear applies */
  empty: Form;
  /** the page's own checks before anything is asked, by field */
  check(form: Form): Problems<Field>;
  /** the gate's complaints about the applied filters, by field */
  gateErrors: Problems<Field>;
}

/**
 * A list page's filter form, applied when submitted (Enter in any field, or the button): the page's
 * checks first, then the gate's; a field's gate message goes once the field is changed.
 */
export function useFilterForm<Form extends Record<Field, string>, Field extends string>({
  applied,
  onApply,
  empty,
  check,
  gateErrors,
}: FilterFormOptions<Form, Field>) {
  const [form, setForm] = useState<Form>(applied);
  const [problems, setProblems] = useState<Problems<Field>>({});
  /** fields changed since the gate complained: its message no longer applies */
  const [edited, setEdited] = useState<ReadonlySet<Field>>(new Set());
  useEffect(() => {
    setForm(applied);
    setProblems({});
  }, [applied]);
  useEffect(() => setEdited(new Set()), [gateErrors]);

  const set = (field: Field) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setProblems((current) => ({ ...current, [field]: undefined }));
    setEdited((current) => new Set(current).add(field));
  };
  const errorOf = (field: Field) => problems[field] ?? (edited.has(field) ? undefined : gateErrors[field]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = check(form);
    setProblems(found);
    if (Object.keys(found).length === 0) onApply(form);
  };
  const clear = () => {
    setForm(empty);
    setProblems({});
    onApply(empty);
  };
  return { form, set, errorOf, submit, clear };
}
