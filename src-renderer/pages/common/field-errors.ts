import { GateError } from '../../client/gate-error';

/** Where a refusal belongs: the field it is about, or the form as a whole. */
export interface SplitError<F extends string> {
  fields: Partial<Record<F, string>>;
  /** what is not about one field, for an ErrorAlert by the submit button (null when every part found its field) */
  rest: unknown;
}

/** Which field a refusal belongs to: by its code, or by the input path of each refused field. */
export interface GateRoutes<F extends string> {
  byCode?: Partial<Record<string, F>>;
  byPath?: Partial<Record<string, F>>;
}

/**
 * Put the gate's words next to the field they concern. `byCode` maps a refusal's code
 * (e.g. "weak-password") to a field; `byPath` maps the input path of each refused field
 * of an "invalid-input" refusal (its `issues`) to a field. Anything that matches neither
 * stays whole, for the form's own ErrorAlert.
 */
export function splitGateError<F extends string>(error: unknown, routes: GateRoutes<F>): SplitError<F> {
  if (!(error instanceof GateError)) return { fields: {}, rest: error };
  const byCode = routes.byCode?.[error.code];
  if (byCode) return { fields: { [byCode]: error.message } as Partial<Record<F, string>>, rest: null };
  if (error.code !== 'invalid-input' || !routes.byPath || error.issues.length === 0) return { fields: {}, rest: error };

  const fields: Partial<Record<F, string>> = {};
  let unplaced = false;
  for (const issue of error.issues) {
    const field = routes.byPath[issue.path.split('.')[0]!];
    // each issue is a sentence: two about one field are read one after the other
    if (field) fields[field] = fields[field] ? `${fields[field]} ${issue.message}` : issue.message;
    else unplaced = true;
  }
  return { fields, rest: unplaced ? error : null };
}
