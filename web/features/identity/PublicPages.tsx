import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { PublicMain } from "../../app/PublicMain";
import { type Language, useI18n } from "../../i18n/i18n";
import type { AccountEmailView, InvitationPreviewView } from "./types";

/** The token travels in the link's fragment: never sent to the server in a URL, never in a Referer. */
function tokenFromFragment(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
}

/** The language an emailed link was written in (`#token=…&lang=es`), when it names one. */
function languageFromFragment(): Language | null {
  const lang = new URLSearchParams(window.location.hash.slice(1)).get("lang");
  return lang === "en" || lang === "es" ? lang : null;
}

function PublicShell({ title, children }: { title: string; children: ReactNode }) {
  const { t, setLanguage } = useI18n();
  // A link from an email opens in the email's language (the switch still changes it).
  const [linkLanguage] = useState(languageFromFragment);
  useEffect(() => {
    if (linkLanguage) setLanguage(linkLanguage);
  }, [linkLanguage, setLanguage]);
  return (
    <PublicMain>
      <p className="text-bold margin-bottom-0">{t("app.name")}</p>
      <h1>{title}</h1>
      {children}
      <p className="margin-top-4">
        <a className="usa-link" href="/">
          {t("identity.backToSignIn")}
        </a>
      </p>
    </PublicMain>
  );
}

function NewPasswordForm({
  legend,
  submitLabel,
  onSubmit,
  pending,
  error,
}: {
  legend: string;
  submitLabel: string;
  onSubmit(password: string): void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useI18n();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const mismatch = repeat.length > 0 && repeat !== password;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!mismatch) onSubmit(password);
  }
  return (
    <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend usa-legend--large">{legend}</legend>
        {error ? <ErrorAlert error={error} /> : null}
        <label className="usa-label" htmlFor="new-password">
          {t("identity.newPassword")}
        </label>
        <span className="usa-hint" id="new-password-hint">
          {t("identity.passwordHint")}
        </span>
        <input
          className="usa-input"
          id="new-password"
          type="password"
          autoComplete="new-password"
          aria-describedby="new-password-hint"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <label className="usa-label" htmlFor="repeat-password">
          {t("identity.repeatPassword")}
        </label>
        {mismatch && (
          <span className="usa-error-message" id="repeat-error" role="alert">
            {t("identity.passwordsDiffer")}
          </span>
        )}
        <input
          className="usa-input"
          id="repeat-password"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          aria-describedby={mismatch ? "repeat-error" : undefined}
        />
        <button
          className="usa-button usa-button--big width-full margin-top-3"
          type="submit"
          disabled={pending || mismatch || !password}
        >
          {submitLabel}
        </button>
      </fieldset>
    </form>
  );
}

function Done({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <div className="usa-alert usa-alert--success" role="status">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{message}</p>
        <a className="usa-button margin-top-2" href="/">
          {t("auth.signIn")}
        </a>
      </div>
    </div>
  );
}

export function AcceptInvitationPage() {
  const { t } = useI18n();
  const token = useMemo(tokenFromFragment, []);
  const preview = useQuery({
    queryKey: ["invitation", token],
    queryFn: () =>
      api<InvitationPreviewView>("/api/auth/invitations/preview", {
        method: "POST",
        body: { token },
      }),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: (password: string) =>
      api<AccountEmailView>("/api/auth/invitations/accept", { method: "POST", body: { token, password } }),
  });
  return (
    <PublicShell title={t("identity.invite.title")}>
      {preview.isError && <ErrorAlert error={preview.error} />}
      {preview.data && !accept.isSuccess && (
        <>
          <p className="usa-intro">
            {t("identity.invite.welcome", { name: preview.data.displayName, site: preview.data.siteName })}
          </p>
          <p>
            {t("identity.invite.yourEmail")} <strong>{preview.data.email}</strong>
          </p>
          <NewPasswordForm
            legend={t("identity.invite.choose")}
            submitLabel={t("identity.invite.submit")}
            onSubmit={(p) => accept.mutate(p)}
            pending={accept.isPending}
            error={accept.error}
          />
        </>
      )}
      {accept.isSuccess && <Done message={t("identity.invite.done", { email: accept.data.email })} />}
    </PublicShell>
  );
}

export function ResetPasswordPage() {
  const { t } = useI18n();
  const token = useMemo(tokenFromFragment, []);
  const complete = useMutation({
    mutationFn: (password: string) =>
      api<AccountEmailView>("/api/auth/password-reset/complete", { method: "POST", body: { token, password } }),
  });
  return (
    <PublicShell title={t("identity.reset.title")}>
      {complete.isSuccess ? (
        <Done message={t("identity.reset.done")} />
      ) : (
        <NewPasswordForm
          legend={t("identity.reset.choose")}
          submitLabel={t("identity.reset.submit")}
          onSubmit={(p) => complete.mutate(p)}
          pending={complete.isPending}
          error={complete.error}
        />
      )}
    </PublicShell>
  );
}

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const request = useMutation({
    mutationFn: () => api("/api/auth/password-reset", { method: "POST", body: { email } }),
  });
  return (
    <PublicShell title={t("identity.forgot.title")}>
      {request.isSuccess ? (
        <div className="usa-alert usa-alert--info" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t("identity.forgot.sent")}</p>
          </div>
        </div>
      ) : (
        <form
          className="usa-form usa-form--large"
          onSubmit={(e) => {
            e.preventDefault();
            request.mutate();
          }}
          noValidate
        >
          <p>{t("identity.forgot.hint")}</p>
          {request.isError && <ErrorAlert error={request.error} />}
          <label className="usa-label" htmlFor="forgot-email">
            {t("auth.email")}
          </label>
          <input
            className="usa-input"
            id="forgot-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <button
            className="usa-button usa-button--big width-full margin-top-3"
            type="submit"
            disabled={request.isPending}
          >
            {t("identity.forgot.submit")}
          </button>
        </form>
      )}
    </PublicShell>
  );
}

/** Pages a person reaches without a session (from an email link); null for any other path. */
export function publicPageFor(path: string) {
  if (path === "/accept-invitation") return <AcceptInvitationPage />;
  if (path === "/reset-password") return <ResetPasswordPage />;
  if (path === "/forgot-password") return <ForgotPasswordPage />;
  return null;
}
