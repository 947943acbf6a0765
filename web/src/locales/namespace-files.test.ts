/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

/** Translation namespaces of their own: `locales/<lang>/<namespace>.json` (see i18n.ts). */
const files = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json', { eager: true });
const byNamespace = new Map<string, Partial<Record<'vi' | 'en', Record<string, unknown>>>>();
for (const [file, mod] of Object.entries(files)) {
  const m = /^\.\/(vi|en)\/([\w-]+)\.json$/.exec(file);
  if (!m) continue;
  const entry = byNamespace.get(m[2]!) ?? {};
  entry[m[1] as 'vi' | 'en'] = mod.default;
  byNamespace.set(m[2]!, entry);
}

/** Every key with its placeholders, plural suffixes folded (`count_one` → `count`). */
function leaves(o: object, prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'object' && v !== null) Object.assign(out, leaves(v as object, `${prefix}${k}.`));
    else out[`${prefix}${k.replace(/_(one|other)$/, '')}`] = [...String(v).matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]!).sort();
  }
  return out;
}

describe('translation namespaces', () => {
  it('exist in Vietnamese and in English', () => {
    expect(byNamespace.size).toBeGreaterThan(0);
    for (const [ns, langs] of byNamespace) expect(Object.keys(langs).sort(), ns).toEqual(['en', 'vi']);
  });

  it.each([...byNamespace.keys()])('%s gives every label in both languages with the same placeholders', (ns) => {
    const { vi, en } = byNamespace.get(ns)!;
    expect(leaves(en!)).toEqual(leaves(vi!));
  });

  it.each([...byNamespace.keys()])('%s has the Vietnamese "other" form of every English plural', (ns) => {
    const { vi, en } = byNamespace.get(ns)!;
    const flat = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? flat(v as object, `${p}${k}.`) : [`${p}${k}`]));
    const viKeys = new Set(flat(vi!));
    for (const k of flat(en!).filter((x) => x.endsWith('_one'))) expect(viKeys.has(k.replace(/_one$/, '_other')), k).toBe(true);
  });
});
