import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n.js';

/** Vietnamese ⇄ English; the choice is kept in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('nav.language')}>
      {LANGUAGES.map((lng) => (
        <button key={lng} type="button" lang={lng} aria-pressed={i18n.language === lng} onClick={() => setLanguage(lng)} data-testid={`lang-${lng}`}>
          {t(`lang.${lng}`)}
        </button>
      ))}
    </div>
  );
}
