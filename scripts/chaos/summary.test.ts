import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';
import { addTally, emptyTally, isClean, parseSummaryLine, tallyLine, type TTally } from './summary.js';

const clean: TTally = { ...emptyTally(), cases: 300, ended: 300, kills: { worker: 14, api: 12, postgres: 6, temporal: 5 }, retries: 412, ms: 552_000 };

describe('the chaos summary line', () => {
  it('reads as the issue asks and parses back', () => {
    const line = `${tallyLine('chaos', clean, 3)}; seed k3x9`;
    expect(line).toBe('chaos: 3 rounds, 300 cases, 300 ended, 0 lost, 0 doubled, 0 mismatched, 0 broken chains; kills: worker 14, api 12, postgres 6, temporal 5; 412 retries; 9m12s; seed k3x9');
    expect(parseSummaryLine(line)).toEqual({ ...clean, rounds: 3 });
    expect(isClean(clean)).toBe(true);
  });

  it('names crashes and 500 answers, and a run with either is not clean', () => {
    const bad: TTally = { ...clean, crashes: { worker: 1, api: 2, postgres: 0, temporal: 0 }, internalErrors: 3, ms: 5_000 };
    const line = tallyLine('chaos', bad, 1);
    expect(line).toContain('; crashes: worker 1, api 2; 3 answers 500; 412 retries; 5s');
    expect(parseSummaryLine(line)).toEqual({ ...bad, rounds: 1 });
    expect(isClean(bad)).toBe(false);
    expect(isClean({ ...clean, lost: 1, ended: 299 })).toBe(false);
  });

  it('adds rounds up', () => {
    const sum = addTally(clean, clean);
    expect(sum).toMatchObject({ cases: 600, ended: 600, retries: 824, kills: { worker: 28, api: 24, postgres: 12, temporal: 10 } });
  });
});

describe('the seeded generator', () => {
  it('gives the same draws for the same seed, and other draws for another', () => {
    const a = new Rng('s1');
    const b = new Rng('s1');
    const c = new Rng('s2');
    const draws = (r: Rng) => Array.from({ length: 5 }, () => r.next());
    const da = draws(a);
    expect(draws(b)).toEqual(da);
    expect(draws(c)).not.toEqual(da);
    expect(da.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Rng('x').shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
  });
});
