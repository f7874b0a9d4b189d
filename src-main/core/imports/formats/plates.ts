/** Plates and states as vendors write them. */

/** Upper case, A–Z and 0–9 only: spaces, dashes, dots and anything else removed. The original stays in plateRaw. */
export function normalisePlate(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Wildcards an officer typed into a search (`Z*0028*`, `AB?123`). */
export function hasWildcard(plate: string): boolean {
  return /[*?%]/.test(plate);
}

/** A two-letter state or province: `ca` → `CA`, Rekor's `us-ca` → `CA`; anything else upper case as written. */
export function normaliseState(raw: string): string | null {
  const text = raw.trim().toUpperCase();
  if (text === '') return null;
  const region = /^[A-Z]{2}-([A-Z]{2})$/.exec(text);
  return region ? region[1]! : text;
}
