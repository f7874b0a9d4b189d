import type { HomeCounts } from '../gate/context';

/** What the home screen counts of the signing certificates: whether one has been set up (a first step). */
export const signingHomeCounts = {
  'set-up-signing': (ctx) => ctx.db.prepare('SELECT count(*) FROM signing_certificates').pluck().get() as number,
} satisfies HomeCounts;
