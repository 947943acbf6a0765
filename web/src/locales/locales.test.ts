import { describe, expect, it } from 'vitest';
import en from './en.json';
import vi from './vi.json';

/** Every key of a nested translation object, plural suffixes folded (`left_one` → `left`). */
function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(one|other)$/, '')}`]));
}

describe('translation files', () => {
  it('give every label in Vietnamese and in English', () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(vi))].sort());
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (o: object): Record<string, string[]> => {
      const out: Record<string, string[]> = {};
      const walk = (x: object, p: string): void => {
        for (const [k, v] of Object.entries(x)) {
          if (typeof v === 'object' && v !== null) walk(v as object, `${p}${k}.`);
          else out[`${p}${k.replace(/_(one|other)$/, '')}`] = [...String(v).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
        }
      };
      walk(o, '');
      return out;
    };
    expect(placeholders(en)).toEqual(placeholders(vi));
  });

  it('have a Vietnamese plural form for every English one (Vietnamese has only "other")', () => {
    const plurals = keys(en).filter((k, i, all) => all.indexOf(k) !== i);
    for (const k of plurals) {
      const path = k.split('.');
      const leaf = path.pop()!;
      const parent = path.reduce<Record<string, unknown>>((o, p) => o[p] as Record<string, unknown>, vi as Record<string, unknown>);
      expect(parent[`${leaf}_other`], k).toBeTypeOf('string');
    }
  });
});
