import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../protocol/seat-api';
import { en } from './en';
import { zhCN } from './zh-CN';

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function errorText(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  const key = `errors.${code ?? ''}`;
  if (code && i18n.exists(key)) return i18n.t(key);
  return i18n.t('errors.generic', { message: (err as Error)?.message ?? String(err) });
}

export function changeLocale(locale: Locale): Promise<unknown> {
  document.documentElement.lang = locale;
  return i18n.changeLanguage(locale);
}

export { i18n };
