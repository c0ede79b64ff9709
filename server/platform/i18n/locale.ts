import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };

export const locales = ["en", "es"] as const;
export type Locale = (typeof locales)[number];
export type MessageKey = keyof typeof en;

const catalogs: Record<Locale, Record<string, string>> = { en, es };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Picks the first supported language of an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.trim().toLowerCase().slice(0, 2), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return (ranked.find((r) => isLocale(r.tag))?.tag as Locale | undefined) ?? "en";
}

/** A server message in the user's language, with {name} placeholders filled. */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Whether `key` is a message of the catalogs (a schema's own error may name one). */
export function isMessageKey(key: string): boolean {
  return key in catalogs.en;
}

/** Module catalogs register their server messages here at import time. */
export function registerMessages(locale: Locale, messages: Record<string, string>): void {
  Object.assign(catalogs[locale], messages);
}
