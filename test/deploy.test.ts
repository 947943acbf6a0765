/**
 * The production topology stays in step with the code.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';
import { searchAttributeArgs } from '../lib/dev-server.js';
import { ROOT } from './run-process.js';

describe('deployment files', () => {
  it('register in production exactly the search attributes the dev server registers', async () => {
    const script = await readFile(path.join(ROOT, 'deploy/temporal/setup-namespace.sh'), 'utf8');
    const pairs = /for pair in ([^;]+);/s.exec(script)?.[1]?.replace(/\\\n/g, ' ').trim().split(/\s+/) ?? [];
    const devPairs = searchAttributeArgs().filter((a) => a !== '--search-attribute');
    expect(pairs.sort()).toEqual(devPairs.sort());
    expect(devPairs).toHaveLength(ALL_SEARCH_ATTRIBUTES.length);
  });

  it('keep the search attributes within the SQL visibility budget (10 Keyword, 3 of each other type)', () => {
    const byType = new Map<string, number>();
    for (const k of ALL_SEARCH_ATTRIBUTES) byType.set(k.type, (byType.get(k.type) ?? 0) + 1);
    for (const [type, count] of byType) expect(count).toBeLessThanOrEqual(type === 'KEYWORD' ? 10 : 3);
  });

  it('document every variable the config schemas read in .env.example', async () => {
    const example = await readFile(path.join(ROOT, '.env.example'), 'utf8');
    const sources = await Promise.all(
      ['lib/config.ts', 'api/config.ts', 'worker/config.ts', 'scripts/start-config.ts'].map((f) => readFile(path.join(ROOT, f), 'utf8')),
    );
    const names = new Set(sources.flatMap((s) => [...s.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!)));
    expect(names.size).toBeGreaterThan(10);
    for (const name of names) expect(example, `${name} missing from .env.example`).toMatch(new RegExp(`\\b${name}=`));
  });
});
