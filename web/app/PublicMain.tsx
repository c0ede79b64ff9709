import type { ReactNode } from "react";
import { type Language, useI18n } from "../i18n/i18n";

/**
 * The frame of a page anyone can open without signing in (sign-in, password reset, a site's public page, the
 * inquiry form): the main landmark and the language switch, the same on each.
 */
export function PublicMain({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const other: Language = language === "en" ? "es" : "en";
  return (
    <main id="main-content" className="qpi-signin">
      <div className="display-flex flex-justify-end">
        <button
          type="button"
          className="usa-button usa-button--unstyled"
          lang={other}
          onClick={() => setLanguage(other)}
        >
          {t("language.switchTo")}
        </button>
      </div>
      {children}
    </main>
  );
}
