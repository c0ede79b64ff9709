import { useI18n } from "../../i18n/i18n";

/**
 * A practice's name in the reader's language. Practices are rows (a site can add its own): the catalogue names the
 * network's practices; a site's own practice carries its label from its row; an unknown code is shown as it is
 * rather than as a raw message key.
 */
export function usePracticeName() {
  const { t, language } = useI18n();
  return (code: string, label?: { en: string; es: string } | null) => {
    const key = `practice.name.${code}`;
    const named = t(key);
    if (named !== key) return named;
    return label?.[language] ?? code;
  };
}
