/**
 * Every tax code given to a user as an example (a hint, a help text, a refusal) is itself a valid
 * one: an example the registry's own check refuses sent citizens round in circles (the public tip
 * form's refusal quoted 0101234567, whose check digit is wrong).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTaxCode } from '../domain/business.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const localeFiles = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? localeFiles(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []));
const SOURCES = ['api/public/messages.ts', 'domain/business.ts', 'api/services/public-tips.ts', ...localeFiles('web/src/locales')];

/** The tax-code-shaped numbers on lines that speak of a tax code. */
function examples(file: string): { line: number; example: string }[] {
  return readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .flatMap((text, i) => (/thuế|tax/i.test(text) ? [...text.matchAll(/\b\d{10}(?:-\d{3})?\b/g)].map((m) => ({ line: i + 1, example: m[0] })) : []));
}

describe('tax code examples shown to users', () => {
  it('are valid tax codes, check digit included', () => {
    const found = SOURCES.flatMap((file) => examples(file).map((e) => ({ ...e, file })));
    // The scan finds the hints and refusals it is meant to check (so that it cannot pass on nothing).
    expect(found.filter((e) => e.file === 'api/public/messages.ts').length).toBeGreaterThanOrEqual(4);
    expect(found.filter((e) => e.file.includes('registry.json')).length).toBeGreaterThanOrEqual(4);
    const invalid = found.filter((e) => !parseTaxCode(e.example).ok).map((e) => `${e.file}:${e.line} ${e.example}`);
    expect(invalid).toEqual([]);
  });
});
