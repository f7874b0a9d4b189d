import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { NOT_ONE_LINE } from '../../src-main/contract/schemas';
import { oneLine, sentence } from '../../src-main/contract/sentences';
import { SENTENCE } from '../support/sentences';

// Every message a person reads is a sentence: a capital first, a full stop (or ? or !) last.
// The contract's zod messages are what a person reads beside a field, so each is checked
// here in the source; test/integration/sentences.test.ts checks what the gate answers.

const ROOT = path.resolve(__dirname, '../..');
const CONTRACT = path.join(ROOT, 'src-main/contract');

/** zod's checks and types whose text argument (or `message`) is the message shown. */
const MESSAGE_TAKERS = new Set([
  'min',
  'max',
  'length',
  'regex',
  'refine',
  'int',
  'positive',
  'nonnegative',
  'nonempty',
  'gt',
  'gte',
  'lt',
  'lte',
  'number',
  'string',
  'boolean',
  'array',
  'datetime',
]);

interface Found {
  where: string;
  text: string;
}

/** A property of an object that is a variable's value (a table such as OUTCOME_PHRASES), not a check's options. */
function isTableEntry(node: ts.PropertyAssignment): boolean {
  return ts.isVariableDeclaration(node.parent.parent) || ts.isAsExpression(node.parent.parent);
}

/** Every message the contract gives zod: text arguments of its checks, and `message` / `error` properties. */
function contractMessages(): Found[] {
  const found: Found[] = [];
  for (const name of fs.readdirSync(CONTRACT).filter((f) => f.endsWith('.ts'))) {
    const file = path.join(CONTRACT, name);
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) => `${name}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const text = (node: ts.Node): string | null =>
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : null;
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
        if (method && MESSAGE_TAKERS.has(method)) {
          for (const arg of node.arguments) {
            const message = text(arg);
            if (message !== null) found.push({ where: where(arg), text: message });
          }
        }
      }
      // `message` / `error` in a check's options object; not a table's key (OUTCOME_PHRASES has an `error` outcome)
      if (
        ts.isPropertyAssignment(node) &&
        ts.isIdentifier(node.name) &&
        ['message', 'error'].includes(node.name.text) &&
        !isTableEntry(node)
      ) {
        const message = text(node.initializer);
        if (message !== null) found.push({ where: where(node), text: message });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe("the contract's messages", () => {
  const messages = contractMessages();

  it('are found (the scan reads the contract)', () => {
    // a check that cannot pass by finding nothing
    expect(messages.length).toBeGreaterThan(40);
    expect(messages.map((m) => m.text)).toContain('Give the full name.');
    expect(messages.map((m) => m.text)).toContain('The time window ends before it starts.');
  });

  it('are each a sentence: a capital first, a full stop last', () => {
    const notSentences = messages.filter((m) => !SENTENCE.test(m.text)).map((m) => `${m.where}: ${m.text}`);
    expect(notSentences).toEqual([]);
  });

  it('the one-line messages of the case and purpose too', () => {
    for (const message of Object.values(NOT_ONE_LINE)) expect(message).toMatch(SENTENCE);
  });
});

describe('sentence()', () => {
  it('gives a capital and a full stop to a fragment, and leaves a sentence as it is', () => {
    expect(sentence('give the full name')).toBe('Give the full name.');
    expect(sentence('  Too small: expected string to have >=2 characters ')).toBe('Too small: expected string to have >=2 characters.');
    expect(sentence('Is it the right file?')).toBe('Is it the right file?');
    expect(sentence('Unrecognized key: "everyone"')).toBe('Unrecognized key: "everyone".');
    expect(sentence('It ends here (policy 427.6(b)).')).toBe('It ends here (policy 427.6(b)).');
    expect(sentence('"bolo" states nothing.')).toBe('"bolo" states nothing.');
  });
});

describe('oneLine()', () => {
  it('makes each run of control characters one space and trims the ends, keeping every other space', () => {
    expect(oneLine('Stolen vehicle\r\n on Elm  Street\n')).toBe('Stolen vehicle on Elm  Street');
    expect(oneLine('a\tb\u2028c\u0085d')).toBe('a b c d');
    expect(oneLine('\n\n')).toBe('');
  });
});
