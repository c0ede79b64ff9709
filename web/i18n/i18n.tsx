import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import en from "./en.json";
import es from "./es.json";

export type Language = "en" | "es";
type Catalog = Record<string, string>;

// Feature folders keep their own catalogs (features/<module>/i18n/en.json);
// they are merged into the shell's so every string the user reads is in a file.
const featureCatalogs = import.meta.glob<{ default: Catalog }>("../features/*/i18n/*.json", { eager: true });
const catalogs: Record<Language, Catalog> = { en: { ...en }, es: { ...es } };
for (const [file, module] of Object.entries(featureCatalogs)) {
  const language = file.match(/\/(en|es)\.json$/)?.[1] as Language | undefined;
  if (language) Object.assign(catalogs[language], module.default);
}

export function catalogKeys(language: Language): string[] {
  return Object.keys(catalogs[language]);
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

interface I18nValue {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  formatDate(day: string | null | undefined): string;
  formatNumber(n: number): string;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLanguage(): Language {
  const cookie = document.cookie.match(/(?:^|; )qpi_lang=(en|es)/)?.[1];
  if (cookie === "en" || cookie === "es") return cookie;
  return navigator.language.toLowerCase().startsWith("es") ? "es" : "en";
}

const pluralRules = { en: new Intl.PluralRules("en"), es: new Intl.PluralRules("es") };

/**
 * A message with a numeric `count` takes the language's plural form when the catalogue has one
 * (`key.one` for "1 task"), else the key itself.
 */
function pluralKey(language: Language, key: string, params: Record<string, string | number>): string {
  if (typeof params.count !== "number") return key;
  const form = `${key}.${pluralRules[language].select(params.count)}`;
  return catalogs[language][form] !== undefined ? form : key;
}

export function translate(language: Language, key: string, params: Record<string, string | number> = {}): string {
  const chosen = pluralKey(language, key, params);
  const template = catalogs[language][chosen] ?? catalogs.en[chosen];
  if (template === undefined) {
    if (import.meta.env.DEV) console.warn(`Missing message ${key}`);
    return key;
  }
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    document.cookie = `qpi_lang=${next}; path=/; max-age=31536000; samesite=lax`;
    setLanguageState(next);
  }, []);
  const value = useMemo<I18nValue>(() => {
    const locale = language === "es" ? "es-US" : "en-US";
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    const numberFormat = new Intl.NumberFormat(locale);
    return {
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      formatDate: (day) => (day ? dateFormat.format(new Date(`${day.slice(0, 10)}T00:00:00Z`)) : "—"),
      formatNumber: (n) => numberFormat.format(n),
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
