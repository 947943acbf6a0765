/**
 * Translations: Vietnamese by default, English on request; the choice is kept in this browser.
 * Every label of the interface comes from `locales/*.json`; data (procedure titles, form labels)
 * carries its own two languages.
 */
/// <reference types="vite/client" />
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import vi from './locales/vi.json';
import type { TProcedure } from './lib/contract/types.js';

/** Namespaces of their own (`locales/<lang>/<namespace>.json`), e.g. `useTranslation('evidence')`. */
const namespaceFiles = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });
const namespaces: Record<string, Record<string, Record<string, unknown>>> = { vi: {}, en: {} };
for (const [file, mod] of Object.entries(namespaceFiles)) {
  const m = /\/locales\/(\w+)\/([\w-]+)\.json$/.exec(file);
  if (m && namespaces[m[1]!]) namespaces[m[1]!]![m[2]!] = mod.default;
}

export const LANGUAGES = ['vi', 'en'] as const;
export type TLang = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'ins.lang';

function storedLanguage(): TLang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function setLanguage(lang: TLang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

await i18n.use(initReactI18next).init({
  resources: { vi: { ...namespaces.vi, translation: vi }, en: { ...namespaces.en, translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** The text of a bilingual value in the current language. */
export function tx(text: { vi: string; en: string } | undefined, lang: string): string {
  if (!text) return '';
  return lang === 'en' ? text.en : text.vi;
}

/** A step's title in `lang`, from the procedure versions `defs` holds (`useProcedureDefs`); undefined while its version is not loaded. */
export function stepTitleIn(defs: Map<string, TProcedure>, procedureId: string, procedureVersion: number, stepId: string, lang: string): string | undefined {
  const step = defs.get(`${procedureId}@${procedureVersion}`)?.steps.find((s) => s.id === stepId);
  return step && tx(step.title, lang);
}
