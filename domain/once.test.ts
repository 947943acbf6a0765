import { describe, expect, it } from 'vitest';
import { once } from './once.js';

describe('once', () => {
  it('builds on the first call only, and never before', () => {
    let builds = 0;
    const value = once(() => ({ n: ++builds }));
    expect(builds).toBe(0);
    const first = value();
    expect(value()).toBe(first);
    expect(builds).toBe(1);
  });

  it('keeps an undefined value too (built once)', () => {
    let builds = 0;
    const value = once(() => {
      builds++;
      return undefined;
    });
    value();
    value();
    expect(builds).toBe(1);
  });

  it('builds again after a build that threw', () => {
    let builds = 0;
    const value = once(() => {
      if (++builds === 1) throw new Error('first');
      return builds;
    });
    expect(() => value()).toThrow('first');
    expect(value()).toBe(2);
    expect(value()).toBe(2);
  });
});
