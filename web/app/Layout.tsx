import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { NavLink, useLocation } from "react-router";
import { type Language, useI18n } from "../i18n/i18n";
import { api } from "./api";
import { navigation } from "./features";
import { NotificationBell } from "./NotificationBell";
import { type SessionView, sessionQueryKey, useSignOut } from "./session";

function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const client = useQueryClient();
  const other: Language = language === "en" ? "es" : "en";
  return (
    <button
      type="button"
      className="usa-button usa-button--unstyled qpi-language"
      lang={other}
      onClick={async () => {
        setLanguage(other);
        await api("/api/me/language", { method: "PUT", body: { language: other } }).catch(() => undefined);
        // Server-worded content (errors, names of things) comes back in the new language.
        await client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== sessionQueryKey[0] });
      }}
    >
      {t("language.switchTo")}
    </button>
  );
}

export function Layout({ session, children }: { session: SessionView; children: ReactNode }) {
  const { t } = useI18n();
  const signOut = useSignOut();
  const _location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), []);
  const visible = navigation.filter((item) => item.visible(session));
  const items = visible.filter((item) => item.area !== "account");
  const accountItems = visible.filter((item) => item.area === "account");
  // The extended header keeps the work pages on one row of their own at desktop
  // width however many a role has, with the account links above them.
  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        {t("common.skipToContent")}
      </a>
      {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: USWDS overlay; the
          menu's own close button and Escape serve the keyboard */}
      <div className={`usa-overlay ${menuOpen ? "is-visible" : ""}`} onClick={() => setMenuOpen(false)} />
      <header className="usa-header usa-header--extended qpi-header">
        <div className="usa-navbar">
          <div className="usa-logo">
            <em className="usa-logo__text">
              <NavLink to="/" title={t("app.name")}>
                {t("app.name")}
              </NavLink>
            </em>
          </div>
          <NotificationBell />
          <button
            type="button"
            className="usa-menu-btn"
            aria-expanded={menuOpen}
            aria-controls="primary-nav"
            onClick={() => setMenuOpen(true)}
          >
            {t("nav.menu")}
          </button>
        </div>
        <nav id="primary-nav" aria-label={t("nav.primary")} className={`usa-nav ${menuOpen ? "is-visible" : ""}`}>
          <div className="usa-nav__inner">
            <button
              type="button"
              className="usa-nav__close"
              onClick={() => setMenuOpen(false)}
              aria-label={t("nav.close")}
            >
              ×
            </button>
            <ul className="usa-nav__primary usa-accordion">
              {items.map((item) => (
                <li className="usa-nav__primary-item" key={item.path}>
                  <NavLink
                    to={item.path}
                    end={item.path === "/"}
                    className={({ isActive }) => `usa-nav-link ${isActive ? "usa-current" : ""}`}
                  >
                    <span>{t(item.labelKey)}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
            <div className="usa-nav__secondary qpi-account">
              <ul className="usa-nav__secondary-links">
                <li className="usa-nav__secondary-item qpi-account__name">{session.user.displayName}</li>
                {accountItems.map((item) => (
                  <li className="usa-nav__secondary-item" key={item.path}>
                    <NavLink to={item.path}>{t(item.labelKey)}</NavLink>
                  </li>
                ))}
                <li className="usa-nav__secondary-item">
                  <LanguageSwitch />
                </li>
                <li className="usa-nav__secondary-item">
                  <button type="button" className="usa-button usa-button--unstyled" onClick={() => signOut.mutate()}>
                    {t("auth.signOut")}
                  </button>
                </li>
              </ul>
            </div>
          </div>
        </nav>
      </header>
      <main id="main-content" className="grid-container qpi-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="usa-footer usa-footer--slim">
        <div className="grid-container qpi-footer">{t("app.footer")}</div>
      </footer>
    </>
  );
}
