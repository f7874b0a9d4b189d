import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessReason } from '../../src-main/contract/schemas';
import { CustodianError } from '../../src-main/core/errors';
import { SENTENCE } from '../support/sentences';
import {
  ADMINISTRATOR,
  addPerson,
  COMMANDER,
  createWorkspace,
  MEMBER,
  removeTempFolders,
  signIn,
  tempFolder,
  type TestWorkspace,
} from '../support/workspace-fixtures';

// Every refusal a person can meet reads as a sentence, the whole-form one and each one shown
// beside a field: a battery of bad inputs through the real gate, every answer checked.

afterAll(removeTempFolders);

const REASON: AccessReason = { caseNumber: '26-004512', purpose: 'Stolen vehicle reported on Elm Street' };

interface Answer {
  what: string;
  error: CustodianError;
}

describe('what the gate answers to bad input', () => {
  let w: TestWorkspace;
  let commander: string;
  let administrator: string;
  const answers: Answer[] = [];

  /** Run `action`, which must be refused, and keep the refusal. */
  const refused = (what: string, action: () => unknown) => {
    try {
      action();
    } catch (error) {
      if (!(error instanceof CustodianError)) throw error;
      answers.push({ what, error });
      return;
    }
    throw new Error(`${what} was not refused`);
  };
  const call = (token: string, operation: string, input: unknown, access?: Partial<AccessReason>) =>
    (w.ws.call as (t: string, o: string, i: unknown, a?: Partial<AccessReason>) => unknown)(token, operation, input, access);

  beforeAll(() => {
    w = createWorkspace('sentences');
    commander = signIn(w.ws, COMMANDER);
    addPerson(w.ws, commander, ADMINISTRATOR);
    administrator = signIn(w.ws, ADMINISTRATOR);

    // sign-in and sessions
    refused('a wrong password', () => w.ws.signIn(COMMANDER.username, 'Not-The-Password-1'));
    refused('an unknown name', () => w.ws.signIn('nobody-here', 'Not-The-Password-1'));
    refused('no session', () => call('not-a-token', 'user.list', {}));
    refused('an unknown operation', () => call(commander, 'no.such.thing', {}));

    // people
    refused('an empty person', () => call(commander, 'user.add', {}));
    refused('every field of a person wrong', () =>
      call(commander, 'user.add', { username: '1', fullName: ' ', roles: [], password: 'x'.repeat(1025) }),
    );
    refused('an unknown field', () => call(commander, 'user.list', { everyone: true }));
    refused('a short password', () =>
      call(commander, 'user.add', { username: 'mlee', fullName: 'Morgan Lee', roles: ['member'], password: 'Short-Pw-1!' }),
    );
    refused('a common password', () =>
      call(commander, 'user.add', { username: 'mlee', fullName: 'Morgan Lee', roles: ['member'], password: 'password1234' }),
    );
    refused('a taken username', () =>
      call(commander, 'user.add', {
        username: ADMINISTRATOR.username,
        fullName: 'Someone Else',
        roles: ['member'],
        password: 'Quiet-Harbor-Lantern-7',
      }),
    );
    refused('a role the administrator may not give', () =>
      call(administrator, 'user.add', {
        username: 'newcmdr',
        fullName: 'New Commander',
        roles: ['commander'],
        password: 'Quiet-Harbor-Lantern-7',
      }),
    );
    refused('no such person to disable', () => call(commander, 'user.disable', { username: 'nobody' }));
    refused('disabling oneself', () => call(commander, 'user.disable', { username: COMMANDER.username }));
    refused('a wrong current password', () =>
      call(administrator, 'user.changePassword', { currentPassword: 'Wrong-Current-Pw-9', newPassword: 'Granite-Falls-Creek-5512' }),
    );

    // training
    refused('training with every field wrong', () =>
      call(commander, 'training.record', { username: '', course: 'x', completedOn: '2026-02-30', expiresOn: '1.1.2026' }),
    );
    refused('training in the future', () =>
      call(commander, 'training.record', { username: ADMINISTRATOR.username, course: 'ALPR Operator Training', completedOn: '2030-01-01' }),
    );
    refused('training expiring before it was done', () =>
      call(commander, 'training.record', {
        username: ADMINISTRATOR.username,
        course: 'ALPR Operator Training',
        completedOn: '2026-03-01',
        expiresOn: '2026-02-01',
      }),
    );
    refused('training for nobody', () =>
      call(commander, 'training.record', { username: 'nobody', course: 'ALPR Operator Training', completedOn: '2026-03-01' }),
    );

    // settings
    for (const idleMinutes of [0, 31, 1.5, 'ten'])
      refused(`idle minutes ${idleMinutes}`, () => call(commander, 'settings.update', { idleMinutes }));
    refused('no required course', () => call(commander, 'settings.update', { requiredCourses: [] }));
    refused('a one-letter course', () => call(commander, 'settings.update', { requiredCourses: ['x'] }));
    refused('a relative checkpoint folder', () => call(commander, 'settings.update', { checkpointFolder: 'relative/folder' }));
    refused('a checkpoint folder that is not there', () =>
      call(commander, 'settings.update', { checkpointFolder: `${tempFolder('gone')}/not-there` }),
    );
    refused('an empty vague purpose', () => call(commander, 'settings.update', { vaguePurposes: [''] }));

    // the access log
    refused('a day that is no day', () => call(commander, 'audit.query', { from: 'yesterday', to: '2026-02-30', limit: 0 }));

    // ALPR data, untrained first
    refused('search untrained', () => call(commander, 'search.plates', { plate: 'ABC123' }, REASON));
    call(commander, 'training.record', { username: COMMANDER.username, course: 'ALPR Operator Training', completedOn: '2026-03-01' });
    refused('search without a case', () => call(commander, 'search.plates', { plate: 'ABC123' }));
    refused('search for "bolo"', () => call(commander, 'search.plates', { plate: 'ABC123' }, { ...REASON, purpose: 'bolo' }));
    refused('search for "stolen"', () => call(commander, 'search.plates', { plate: 'ABC123' }, { ...REASON, purpose: 'stolen' }));
    refused('a purpose on two lines', () =>
      call(commander, 'search.plates', { plate: 'ABC123' }, { ...REASON, purpose: 'Stolen vehicle\nreported on Elm Street' }),
    );
    refused('a search with every field wrong', () =>
      call(
        commander,
        'search.plates',
        { plate: '!!', state: 'California', from: '2026-11-03T00:00:00Z', to: 'later', minConfidence: 2 },
        REASON,
      ),
    );
    refused('a window ending before it starts', () =>
      call(commander, 'search.plates', { plate: 'ABC123', from: '2026-11-03T00:00:00Z', to: '2026-11-02T00:00:00Z' }, REASON),
    );
    refused('no such read', () => call(commander, 'search.read', { readId: 999_999 }, REASON));
    refused('no such import', () => call(commander, 'import.get', { importId: 999_999 }));

    // hot lists and alerts
    refused('an entry with every field wrong', () =>
      call(commander, 'hotlist.add', { list: '!', plate: '*', state: 'XXXX', reason: '', caseNumber: '', expires: 'soon' }, REASON),
    );
    refused('an entry that has already expired', () =>
      call(commander, 'hotlist.add', { plate: 'ABC123', reason: 'Suspect vehicle', caseNumber: '26-1', expires: '2020-01-01' }, REASON),
    );
    refused('retiring no entry', () => call(commander, 'hotlist.retireEntry', { entryId: 999_999, reason: 'Entered in error' }, REASON));
    refused('retiring without a reason', () => call(commander, 'hotlist.retireEntry', { entryId: 1, reason: '' }, REASON));
    refused('no such alert', () => call(commander, 'alert.get', { alertId: 999_999 }, REASON));
    refused('a verification with every field wrong', () =>
      call(commander, 'alert.verify', { alertId: 1, source: '', result: 'maybe', note: '' }, REASON),
    );
  });
  afterAll(() => w.ws.close());

  it('refuses every one of them (the battery ran)', () => {
    expect(answers.length).toBeGreaterThan(40);
  });

  it('says each refusal in sentences: a capital first, a full stop last', () => {
    const notSentences = answers.filter((a) => !SENTENCE.test(a.error.message)).map((a) => `${a.what}: ${a.error.message}`);
    expect(notSentences).toEqual([]);
  });

  it('puts a sentence beside each field it names', () => {
    const issues = answers.flatMap((a) => a.error.issues.map((issue) => ({ what: a.what, ...issue })));
    expect(issues.length).toBeGreaterThan(15);
    expect(issues.filter((i) => !SENTENCE.test(i.message)).map((i) => `${i.what} (${i.path}): ${i.message}`)).toEqual([]);
  });

  it('names every field in error at once, not only the first', () => {
    const paths = (what: string) => answers.find((a) => a.what === what)!.error.issues.map((i) => i.path);
    expect(paths('every field of a person wrong')).toEqual(['username', 'fullName', 'roles', 'password']);
    expect(paths('training with every field wrong')).toEqual(['username', 'course', 'completedOn', 'expiresOn']);
    expect(paths('a search with every field wrong')).toEqual(expect.arrayContaining(['plate', 'state', 'to', 'minConfidence']));
    expect(paths('an entry with every field wrong')).toEqual(['list', 'plate', 'state', 'reason', 'caseNumber', 'expires']);
    expect(paths('a verification with every field wrong')).toEqual(['source', 'result', 'note']);
    // the whole-form sentence names each, in the order of the form
    const person = answers.find((a) => a.what === 'every field of a person wrong')!.error.message;
    expect(person).toMatch(
      /^Add a person: A username is .* \(username\)\. Give the full name \(fullName\)\. Give at least one role \(roles\)\. A password is at most 1,024 characters \(password\)\.$/,
    );
  });
});

describe('what a member meets', () => {
  it('a refusal for want of a role reads as a sentence', () => {
    const w = createWorkspace('sentences-member');
    try {
      const commander = signIn(w.ws, COMMANDER);
      addPerson(w.ws, commander, MEMBER);
      const member = signIn(w.ws, MEMBER);
      let message = '';
      try {
        w.ws.call(member, 'user.list', {});
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(SENTENCE);
    } finally {
      w.ws.close();
    }
  });
});
