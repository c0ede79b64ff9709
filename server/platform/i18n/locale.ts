import labelsEn from "./field-labels.en.json" with { type: "json" };
import labelsEs from "./field-labels.es.json" with { type: "json" };
import { labelPathOf } from "./field-paths.js";
import en from "./messages.en.json" with { type: "json" };
import es from "./messages.es.json" with { type: "json" };

export const locales = ["en", "es"] as const;
export type Locale = (typeof locales)[number];
export type MessageKey = keyof typeof en;

// The labels of input fields ("field.<path>") live in the same catalogues; modules may register more.
const catalogs: Record<Locale, Record<string, string>> = { en: { ...en, ...labelsEn }, es: { ...es, ...labelsEs } };

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

/**
 * The label a user knows a field by ("details.notes" → "Notes"), in their language: the label of the whole path, else
 * of its last segment ("placement.startDate" → "Start date"). Undefined when the catalogue has none.
 */
export function knownFieldLabel(locale: Locale, field: string): string | undefined {
  const path = labelPathOf(field);
  const last = path.split(".").at(-1) ?? path;
  return catalogs[locale][`field.${path}`] ?? catalogs[locale][`field.${last}`];
}

/** A field's label; a field missing from the catalogue (a test keeps them all there) reads as words, never as a key. */
export function fieldLabel(locale: Locale, field: string): string {
  const known = knownFieldLabel(locale, field);
  if (known) return known;
  const last = labelPathOf(field).split(".").at(-1) || field;
  const words = last
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replaceAll("_", " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  en: new Intl.NumberFormat("en-US"),
  es: new Intl.NumberFormat("es-US"),
};

/**
 * A field problem's message, naming the field by its label: the template's {label}, or "Label: message" when the
 * template is a sentence of its own that does not already name the field. Numbers (limits) in the user's format.
 */
export function fieldMessage(
  locale: Locale,
  problem: { field: string; messageKey: string; params?: Record<string, string | number> },
): string {
  const label = fieldLabel(locale, problem.field);
  const params: Record<string, string | number> = { label };
  for (const [name, value] of Object.entries(problem.params ?? {}))
    params[name] = typeof value === "number" ? numberFormats[locale].format(value) : value;
  params.label = label;
  const template = catalogs[locale][problem.messageKey] ?? catalogs.en[problem.messageKey];
  const message = translate(locale, problem.messageKey, params);
  if (template?.includes("{label}")) return message;
  return message.toLowerCase().includes(label.toLowerCase()) ? message : `${label}: ${message}`;
}
