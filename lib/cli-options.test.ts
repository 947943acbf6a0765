import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databaseUrlOption, intListOption, intOption, numberOption, parseCliOptions, portOption } from './cli-options.js';

const spec = {
  command: 'npm run bench --',
  usage: '  --rounds N   rounds',
  shape: {
    rounds: intOption(1, 100, 3),
    'think-ms': numberOption(0, 10_000, 2000),
    clients: intListOption(1, 500, '1,8,32'),
    port: portOption(),
    url: databaseUrlOption(),
    keep: z.boolean().default(false),
  },
};

const problem = (argv: string[]): string => {
  const r = parseCliOptions(argv, spec);
  if ('options' in r) throw new Error(`accepted: ${JSON.stringify(r.options)}`);
  expect(r.exit).toBe(2);
  expect(r.message).toContain('Usage: npm run bench -- [options]');
  return r.message.split('\n')[0]!;
};

describe('the benchmarks’ options', () => {
  it('gives the defaults, typed, when none is given', () => {
    expect(parseCliOptions([], spec)).toEqual({ options: { rounds: 3, 'think-ms': 2000, clients: [1, 8, 32], keep: false } });
  });

  it('takes values and flags given', () => {
    const r = parseCliOptions(['--rounds', '5', '--think-ms', '250.5', '--clients', '2,64', '--port', '5433', '--url', 'postgres://u@h/db', '--keep'], spec);
    expect(r).toEqual({ options: { rounds: 5, 'think-ms': 250.5, clients: [2, 64], port: 5433, url: 'postgres://u@h/db', keep: true } });
  });

  it('refuses a value that is not a number instead of running with NaN', () => {
    expect(problem(['--think-ms', '2s'])).toBe('npm run bench --: --think-ms: must be a number');
    expect(problem(['--rounds', 'three'])).toBe('npm run bench --: --rounds: must be a number');
  });

  it('refuses a number out of range or not whole where a whole one is asked', () => {
    expect(problem(['--rounds', '0'])).toBe('npm run bench --: --rounds: must be at least 1');
    expect(problem(['--rounds', '2.5'])).toBe('npm run bench --: --rounds: must be a whole number');
    expect(problem(['--think-ms=-1'])).toBe('npm run bench --: --think-ms: must be at least 0');
    expect(problem(['--port', '70000'])).toBe('npm run bench --: --port: must be at most 65535');
  });

  it('refuses a malformed list, naming the form it wants', () => {
    expect(problem(['--clients', '1,,8'])).toContain('--clients: must be whole numbers separated by commas');
    expect(problem(['--clients', '1,1000'])).toContain('--clients: each must be between 1 and 500');
  });

  it('refuses an unknown option, a value missing and a URL that is not PostgreSQL’s', () => {
    expect(problem(['--round', '3'])).toMatch(/Unknown option '--round'/);
    expect(problem(['--rounds'])).toMatch(/--rounds/);
    expect(problem(['--url', 'mysql://h/db'])).toContain('--url: must be a postgres:// URL');
  });

  it('names the command as told in its problems (npm run chaos: `chaos:`), and its usage as it is run', () => {
    const r = parseCliOptions(['--rounds', '0'], { ...spec, command: 'npm run chaos --', name: 'chaos' });
    expect(r).toEqual({ exit: 2, message: expect.stringMatching(/^chaos: --rounds: must be at least 1\n\nUsage: npm run chaos -- \[options\]\n/) });
  });

  it('prints the usage with exit 0 for --help', () => {
    const r = parseCliOptions(['--help'], spec);
    expect(r).toEqual({ exit: 0, message: 'Usage: npm run bench -- [options]\n\n  --rounds N   rounds\n  --help       this text' });
  });
});
