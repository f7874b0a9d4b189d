/** A message as the house writes them: a capital first (a quoted name or a number may open it), a full stop, ? or ! last. */
export const SENTENCE = /^["“0-9A-Z].*[.!?]["”)]?$/s;
