import { createRequire } from 'node:module';
import { invalid } from '../errors';

export const MIN_PASSWORD_LENGTH = 12;

let banned: Set<string> | undefined;

/**
 * The common-password list shipped with zxcvbn-ts (about 49,000 passwords seen in
 * breaches), loaded once, lower-cased.
 */
function bannedPasswords(): Set<string> {
  if (!banned) {
    const require = createRequire(__filename);
    const list = require('@zxcvbn-ts/language-common/src/passwords.json') as string[];
    banned = new Set(list.map((p) => p.toLowerCase()));
  }
  return banned;
}

/** Throws an "invalid" error naming the rule a password breaks. */
export function assertAcceptablePassword(password: string, username: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid('weak-password', `A password needs at least ${MIN_PASSWORD_LENGTH} characters; this one has ${password.length}.`);
  }
  if (password.toLowerCase() === username.toLowerCase()) {
    throw invalid('weak-password', 'A password may not be the same as the username.');
  }
  if (bannedPasswords().has(password.toLowerCase())) {
    throw invalid('weak-password', 'That password is on the list of commonly used passwords; choose another.');
  }
}
