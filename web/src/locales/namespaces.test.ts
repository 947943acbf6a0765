import { describe, expect, it } from 'vitest';

/** The namespace files (`locales/<lang>/<ns>.json`), by language and namespace. */
const files = import.meta.glob<{ default: object }>('./*/*.json', { eager: true });
const byLang: Record<string, Record<string, object>> = {};
for (const [file, json] of Object.entries(files)) {
  const [, lang, ns] = /^\.\/(\w+)\/([\w-]+)\.json$/.exec(file)!;
  (byLang[lang!] ??= {})[ns!] = json.default;
}

/** Every key with its placeholders; plural suffixes folded (`count_one` → `count`). */
function entries(o: object, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'object' && v !== null) for (const [kk, vv] of entries(v as object, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(`${prefix}${k.replace(/_(one|other)$/, '')}`, [...String(v).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort());
  }
  return out;
}

describe('translation namespaces', () => {
  it('exist in Vietnamese and in English alike', () => {
    expect(Object.keys(byLang.vi ?? {}).sort()).toEqual(Object.keys(byLang.en ?? {}).sort());
    expect(Object.keys(byLang.vi ?? {}).length).toBeGreaterThan(0);
  });

  it('give every label in both languages with the same placeholders', () => {
    for (const ns of Object.keys(byLang.vi ?? {})) {
      const vi = entries(byLang.vi![ns]!);
      const en = entries(byLang.en![ns]!);
      expect([...en.keys()].sort(), ns).toEqual([...vi.keys()].sort());
      for (const [k, p] of vi) expect(en.get(k), `${ns}:${k}`).toEqual(p);
    }
  });

  it('have the Vietnamese plural form ("other") of every English plural', () => {
    for (const ns of Object.keys(byLang.en ?? {})) {
      const plural = (o: object, path: string[] = []): string[][] =>
        Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? plural(v as object, [...path, k]) : /_one$/.test(k) ? [[...path, k.replace(/_one$/, '_other')]] : []));
      for (const p of plural(byLang.en![ns]!)) {
        const value = p.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], byLang.vi![ns]);
        expect(value, `${ns}:${p.join('.')}`).toBeTypeOf('string');
      }
    }
  });
});
