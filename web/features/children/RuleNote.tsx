import { useI18n } from "../../i18n/i18n";

/**
 * A rule's source note in the user's language: the Spanish translation when the rule set has one, else the English
 * text, marked as English so a screen reader reads it as such.
 */
export function RuleNote({ en, es }: { en: string; es: string | null }) {
  const { language } = useI18n();
  if (language === "es" && es) return <span>{es}</span>;
  return <span lang={language === "en" ? undefined : "en"}>{en}</span>;
}
