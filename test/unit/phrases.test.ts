/**
 * The access log in plain words (contract/phrases.ts): every operation and every event the
 * workspace writes has a phrase and a group, and the other tables of words are complete.
 */
import { describe, expect, it } from 'vitest';
import { IMPORT_FORMAT_IDS, IMPORT_FORMATS, IMPORT_STATUS_PHRASES, importFormatName } from '../../src-main/contract/imports';
import { ALERT_STATUSES } from '../../src-main/contract/hotlists';
import { operations, WORKSPACE_EVENTS } from '../../src-main/contract/operations';
import {
  ACTION_GROUPS,
  ACTION_PHRASES,
  actionPhrase,
  actionsByGroup,
  ALERT_STATUS_PHRASES,
  OUTCOME_PHRASES,
} from '../../src-main/contract/phrases';

const everyAction = [...Object.keys(operations), ...WORKSPACE_EVENTS];

describe('the phrase of every action in the access log', () => {
  it('covers every operation and every workspace event, and nothing else', () => {
    expect(Object.keys(ACTION_PHRASES).sort()).toEqual([...new Set(everyAction)].sort());
  });

  it('will not compile without a phrase for each of them', () => {
    // @ts-expect-error: a table missing an operation is a type error (the Record is over every name)
    const incomplete: typeof ACTION_PHRASES = { 'session.signIn': { phrase: 'Signed in', group: 'Sessions' } };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });

  it('says each one differently, in words, not as an identifier', () => {
    const phrases = Object.values(ACTION_PHRASES).map((p) => p.phrase);
    expect(new Set(phrases).size).toBe(phrases.length);
    for (const phrase of phrases) {
      expect(phrase).toMatch(/^[A-Z][a-z]+ /); // "Searched plates": a verb first, then what
      expect(phrase).not.toMatch(/[.][a-z]|[a-z][A-Z]|\.$/); // no "search.plates", no camelCase, no full stop
    }
  });

  it('lists each action once, under one of the groups, every group used', () => {
    const grouped = actionsByGroup();
    expect(grouped.map((g) => g.group)).toEqual([...ACTION_GROUPS]);
    for (const group of grouped) expect(group.actions.length, group.group).toBeGreaterThan(0);
    expect(grouped.flatMap((g) => g.actions.map((a) => a.name)).sort()).toEqual(Object.keys(ACTION_PHRASES).sort());
    expect(grouped.find((g) => g.group === 'Search')!.actions).toContainEqual({ name: 'search.plates', phrase: 'Searched plates' });
    expect(grouped.find((g) => g.group === 'Hot lists and alerts')!.actions).toContainEqual({
      name: 'hotlist.retireEntry',
      phrase: 'Retired a hot-list entry',
    });
  });

  it('shows a name it does not know (another version wrote it) as it was recorded', () => {
    expect(actionPhrase('session.signIn')).toBe('Signed in');
    expect(actionPhrase('retention.purge')).toBe('retention.purge');
    expect(actionPhrase('toString')).toBe('toString');
  });
});

describe('the other words shown for identifiers', () => {
  it('says how an entry ended in one word each', () => {
    expect(OUTCOME_PHRASES).toEqual({ ok: 'Done', denied: 'Refused', error: 'Failed' });
  });

  it('names every alert status', () => {
    expect(Object.keys(ALERT_STATUS_PHRASES).sort()).toEqual([...ALERT_STATUSES].sort());
    expect(ALERT_STATUS_PHRASES['not-confirmed']).toBe('Not confirmed');
  });

  it("names every import format shortly, and every import's status", () => {
    for (const id of IMPORT_FORMAT_IDS) {
      expect(IMPORT_FORMATS[id].name).not.toBe(id);
      expect(IMPORT_FORMATS[id].name.length).toBeLessThan(IMPORT_FORMATS[id].title.length + 1);
    }
    expect(importFormatName('flock-reads')).toBe('Flock plate reads');
    expect(importFormatName('csv')).toBe('Plate reads in CSV');
    expect(importFormatName('some-future-format')).toBe('some-future-format');
    expect(IMPORT_STATUS_PHRASES).toEqual({
      running: 'Importing…',
      committed: 'Imported',
      cancelled: 'Cancelled',
      failed: 'Failed',
      interrupted: 'Interrupted',
    });
  });
});
