import Table from 'cli-table3';

/** Print a result: JSON on stdout with --json, otherwise the given human form. */
export function emit(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
}

export function table(head: string[], rows: (string | number | null)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows) t.push(row.map((c) => (c === null ? '' : String(c))));
  return t.toString();
}
