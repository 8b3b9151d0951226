// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are checkpoint text, where ${VAR} is the syntax
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MIN_SECRET_LENGTH,
  redactDeep,
  redactor,
  substituteVariables,
} from '../../src/checkpoint/variables.js';

describe('substituteVariables', () => {
  it('replaces ${NAME} in every string, keys included, and records the values used', () => {
    const doc = { a: 'x${A}y', list: ['${B}', 3, null], '${K}': { deep: 'pre-${A}-${B}' } };
    const s = substituteVariables(doc, { A: 'aa', B: 'bb', K: 'key', UNUSED: 'u' });
    expect(s.problems).toEqual([]);
    expect(s.value).toEqual({ a: 'xaay', list: ['bb', 3, null], key: { deep: 'pre-aa-bb' } });
    expect([...s.used]).toEqual([
      ['A', 'aa'],
      ['B', 'bb'],
      ['K', 'key'],
    ]);
  });

  it('keeps $${ as a literal ${ and leaves $NAME without braces alone', () => {
    const s = substituteVariables({ a: '$${A} and $A and ${A}' }, { A: 'v' });
    expect(s.value).toEqual({ a: '${A} and $A and v' });
  });

  it('substitutes an empty value as empty', () => {
    expect(substituteVariables('[${E}]', { E: '' }).value).toBe('[]');
  });

  it('reports unset variables and malformed references with their place', () => {
    const s = substituteVariables(
      { action_list: [{ action: { url: '${HOOK}', x: '${not ok}', y: 'a${B' } }] },
      {},
    );
    expect(s.problems).toEqual([
      {
        at: ['action_list', 0, 'action', 'url'],
        message: 'environment variable HOOK is not set',
        missing: 'HOOK',
      },
      {
        at: ['action_list', 0, 'action', 'x'],
        message: '"${not ok}" does not name a variable (letters, digits, _)',
      },
      { at: ['action_list', 0, 'action', 'y'], message: 'unclosed "${" (write "$${" for a literal "${")' },
    ]);
  });
});

describe('redactor', () => {
  it('replaces each substituted value by its reference, longest first', () => {
    const redact = redactor(
      new Map([
        ['TOKEN', 'abcd'],
        ['URL', 'https://h/abcd-more'],
      ]),
    );
    expect(redact('post https://h/abcd-more with abcd')).toBe('post ${URL} with ${TOKEN}');
  });

  it(`leaves values shorter than ${MIN_SECRET_LENGTH} characters alone`, () => {
    const redact = redactor(new Map([['N', '1'.repeat(MIN_SECRET_LENGTH - 1)]]));
    expect(redact('2011-11-11')).toBe('2011-11-11');
  });

  it('never leaves a secret in a text that contains it', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9_-]{4,24}$/);
    fc.assert(
      fc.property(secret, fc.string(), fc.string(), fc.nat(3), (s, a, b, times) => {
        const redact = redactor(new Map([['SECRET', s]]));
        const text = `${a}${s}${b}`.repeat(times + 1);
        expect(redact(text)).not.toContain(s);
      }),
    );
  });

  it('redactDeep walks arrays and objects and skips kept keys', () => {
    const redact = redactor(new Map([['S', 'secret']]));
    expect(
      redactDeep(
        { a: ['secret/x', 1], secret: { run_time: 'secret', b: 'a secret' } },
        redact,
        new Set(['run_time']),
      ),
    ).toEqual({ a: ['${S}/x', 1], '${S}': { run_time: 'secret', b: 'a ${S}' } });
  });
});
