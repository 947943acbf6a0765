import { describe, expect, it } from 'vitest';
import { chooseEncoding } from './web-files.js';

describe('chooseEncoding', () => {
  const both = ['br', 'gzip'] as const;

  it('prefers Brotli when the browser takes both as much, as browsers say it (no q-values)', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', both)).toBe('br');
    expect(chooseEncoding('*', both)).toBe('br');
  });

  it('follows the q-values: a higher one wins, q=0 refuses, a coding not named is refused unless * takes it', () => {
    expect(chooseEncoding('gzip;q=1, br;q=0.5', both)).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip', both)).toBe('gzip');
    expect(chooseEncoding('BR ; Q=0.8', both)).toBe('br');
    expect(chooseEncoding('gzip, *;q=0', both)).toBe('gzip');
    expect(chooseEncoding('*;q=0.1, br;q=0', both)).toBe('gzip');
  });

  it('sends the file as it is when nothing offered is taken, or nothing is offered', () => {
    expect(chooseEncoding(undefined, both)).toBeUndefined();
    expect(chooseEncoding('', both)).toBeUndefined();
    expect(chooseEncoding('identity', both)).toBeUndefined();
    expect(chooseEncoding('deflate, zstd', both)).toBeUndefined();
    expect(chooseEncoding('br;q=0, gzip;q=0', both)).toBeUndefined();
    expect(chooseEncoding('br;q=nonsense', both)).toBeUndefined();
    expect(chooseEncoding('br, gzip', [])).toBeUndefined();
    expect(chooseEncoding('br', ['gzip'])).toBeUndefined();
  });
});
