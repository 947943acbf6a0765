/**
 * Translations: Vietnamese by default, English on request; the choice is kept in this browser.
 * Every label of the interface comes from `locales/*.json`; data (procedure titles, form labels)
 * carries its own two languages.
 */
import i18n, { type Resource, type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import vi from './locales/vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type TLang = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'ins.lang';

// Each area of the app may keep its labels in a namespace of its own, `locales/<lang>/<ns>.json`
// (e.g. `admin`, `registry`), read with `useTranslation('<ns>')`; found here by file name.
const resources: Resource = { vi: { translation: vi }, en: { translation: en } };
for (const [file, json] of Object.entries(import.meta.glob<{ default: ResourceLanguage }>('./locales/*/*.json', { eager: true }))) {
  const m = /\/locales\/(vi|en)\/([\w-]+)\.json$/.exec(file);
  if (m) resources[m[1]!]![m[2]!] = json.default;
}

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
  resources,
  lng: storedLanguage(),
  fallbackLng: 'vi',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;

/** The text of a bilingual value in the current language. */
export function tx(text: { vi: string; en: string } | undefined, lang: string): string {
  if (!text) return '';
  return lang === 'en' ? text.en : text.vi;
}
