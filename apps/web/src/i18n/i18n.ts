import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { nl } from './nl';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'doorloop.language';

/**
 * Dutch by default, English on request; the choice is remembered in this browser. `<html lang>` always follows the
 * language shown, so screen readers pronounce the text right (WCAG 3.1.1).
 */
export function initI18n(): typeof i18next {
  const stored = localStorage.getItem(STORAGE_KEY);
  const lng: Language = stored === 'en' ? 'en' : 'nl';
  void i18next.use(initReactI18next).init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng,
    fallbackLng: 'nl',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    localStorage.setItem(STORAGE_KEY, language);
  });
  return i18next;
}
