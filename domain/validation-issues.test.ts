import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZIsoDate } from './calendar-schema.js';
import { FineInputError, quoteFine } from './fines.js';
import { ISSUE_RULES, issueOf, ruleParams, zodIssues } from './validation-issues.js';

const Z = z.object({
  count: z.number().int().min(1).max(5),
  ratio: z.number().positive().lt(1),
  title: z.string().min(1).max(3),
  code: z.string().min(3),
  teams: z.array(z.string()).min(1).max(2),
  groups: z.array(z.string()).min(2),
  kind: z.enum(['A', 'B']),
  email: z.email(),
  on: ZIsoDate,
  strict: z.object({ x: z.string() }).strict(),
  tagged: z.discriminatedUnion('k', [z.object({ k: z.literal('A') }), z.object({ k: z.literal('B') })]),
  step: z.number().multipleOf(5),
  custom: z.string().refine(() => false, { message: 'nope', params: ruleParams('taken', { value: 'x' }) }),
  unnamed: z.string().refine(() => false, 'no rule named'),
});

function issuesOf(input: unknown, opts: { missingMessage?: string } = {}) {
  const r = Z.safeParse(input);
  expect(r.success).toBe(false);
  return Object.fromEntries(zodIssues(r.error!.issues, { input, ...opts }).map((i) => [i.path, i]));
}

describe('validation issues from zod', () => {
  it('tell a missing value (required) from one of the wrong type, with the type expected', () => {
    const byPath = issuesOf({ count: null, title: 5 }, { missingMessage: 'is required' });
    expect(byPath.count).toEqual({ path: 'count', message: 'Invalid input: expected number, received null', rule: 'type', params: { expected: 'number' } });
    expect(byPath.title).toMatchObject({ rule: 'type', params: { expected: 'string' } });
    expect(byPath.code).toEqual({ path: 'code', message: 'is required', rule: 'required' });
  });

  it('name bounds of numbers, texts and lists with their values, and a non-whole number as integer', () => {
    const byPath = issuesOf({ count: 1.5, ratio: 1, title: '', code: 'ab', teams: [], groups: ['a'], step: 7 });
    expect(byPath.count).toMatchObject({ rule: 'integer' });
    expect(byPath.ratio).toMatchObject({ rule: 'lessThan', params: { n: 1 } });
    expect(byPath.title).toMatchObject({ rule: 'required', message: 'Too small: expected string to have >=1 characters' });
    expect(byPath.code).toMatchObject({ rule: 'minChars', params: { n: 3 } });
    expect(byPath.teams).toMatchObject({ rule: 'atLeastOne' });
    expect(byPath.groups).toMatchObject({ rule: 'minItems', params: { n: 2 } });
    expect(byPath.step).toMatchObject({ rule: 'multipleOf', params: { n: 5 } });
    expect(issuesOf({ count: 0, ratio: 0 }).count).toMatchObject({ rule: 'min', params: { n: 1 } });
    expect(issuesOf({ count: 0, ratio: 0 }).ratio).toMatchObject({ rule: 'greaterThan', params: { n: 0 } });
    expect(issuesOf({ count: 6, title: 'abcd', teams: ['a', 'b', 'c'] })).toMatchObject({
      count: { rule: 'max', params: { n: 5 } },
      title: { rule: 'maxChars', params: { n: 3 } },
      teams: { rule: 'maxItems', params: { n: 2 } },
    });
  });

  it('name allowed values, formats and unknown keys', () => {
    const byPath = issuesOf({ kind: 'C', email: 'x', on: '2026-02-30', strict: { x: 'a', y: 1 }, tagged: { k: 'C' } });
    expect(byPath.kind).toMatchObject({ rule: 'oneOf', params: { values: 'A, B' } });
    expect(byPath.email).toMatchObject({ rule: 'format', params: { format: 'email' } });
    expect(byPath.on).toEqual({ path: 'on', message: 'is not a real calendar date', rule: 'format', params: { format: 'date' } });
    expect(byPath.strict).toMatchObject({ rule: 'unknownKey', params: { keys: 'y' } });
    expect(byPath['tagged.k']).toMatchObject({ rule: 'oneOf', params: { values: 'A, B' } });
  });

  it('take a refinement’s rule from its params, and call one that names none invalid', () => {
    const byPath = issuesOf({ custom: 'a', unnamed: 'b' });
    expect(byPath.custom).toEqual({ path: 'custom', message: 'nope', rule: 'taken', params: { value: 'x' } });
    expect(byPath.unnamed).toEqual({ path: 'unnamed', message: 'no rule named', rule: 'invalid' });
  });

  it('without the input, cannot tell missing from wrong and say type', () => {
    const r = Z.safeParse({});
    expect(zodIssues(r.error!.issues)[0]).toMatchObject({ path: 'count', rule: 'type' });
  });
});

describe('the vocabulary', () => {
  it('has each rule once, and an issue leaves out empty params', () => {
    expect(new Set(ISSUE_RULES).size).toBe(ISSUE_RULES.length);
    expect(issueOf('a', 'm', 'required', {})).toEqual({ path: 'a', message: 'm', rule: 'required' });
  });

  it('is what the fine rules name their refusals by', () => {
    const refusal = (() => {
      try {
        quoteFine({ bracket: { min: 5, max: 1, baseSubject: 'individual' }, offender: 'individual', date: '2026-01-01' }, []);
      } catch (err) {
        return err;
      }
    })();
    expect(refusal).toBeInstanceOf(FineInputError);
    expect((refusal as FineInputError).message).toBe('bracket: min and max must be whole amounts of đồng with 0 ≤ min ≤ max');
    expect((refusal as FineInputError).issue).toEqual({
      path: 'bracket',
      message: 'min and max must be whole amounts of đồng with 0 ≤ min ≤ max',
      rule: 'order',
      params: { first: 'bracket.min', second: 'bracket.max' },
    });
  });
});
