import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { MfaEnrollmentView, RecoveryCodesView } from "./types";

/** The secret in groups of four, easy to type into an authenticator app. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

/** Second sign-in step: a code from the authenticator app, or a recovery code. */
export function TotpStep({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const [code, setCode] = useState("");
  const verify = useMutation({
    mutationFn: () => api("/api/auth/mfa/verify", { method: "POST", body: { code } }),
    onSuccess: onDone,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    verify.mutate();
  }
  return (
    <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend usa-legend--large">{t("identity.totp.title")}</legend>
        <p className="usa-hint">{t("identity.totp.hint")}</p>
        {verify.isError && <ErrorAlert error={verify.error} />}
        <label className="usa-label" htmlFor="totp-code">
          {t("identity.totp.code")}
        </label>
        <input
          className="usa-input"
          id="totp-code"
          name="code"
          autoComplete="one-time-code"
          inputMode="text"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <button
          className="usa-button usa-button--big width-full margin-top-3"
          type="submit"
          disabled={verify.isPending}
        >
          {t("identity.totp.submit")}
        </button>
      </fieldset>
    </form>
  );
}

export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useI18n();
  return (
    <div className="usa-alert usa-alert--warning" role="status">
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading">{t("identity.recovery.title")}</h2>
        <p className="usa-alert__text">{t("identity.recovery.hint")}</p>
        <ul className="usa-list usa-list--unstyled font-mono-sm" aria-label={t("identity.recovery.title")}>
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** Set up an authenticator app: the otpauth URI and the secret, then a first code. */
export function EnrollStep({ onDone, headingLevel = 2 }: { onDone(codes: string[]): void; headingLevel?: 1 | 2 }) {
  const { t } = useI18n();
  const [code, setCode] = useState("");
  const start = useMutation({
    mutationFn: () => api<MfaEnrollmentView>("/api/auth/mfa/enroll", { method: "POST" }),
  });
  const confirm = useMutation({
    mutationFn: () => api<RecoveryCodesView>("/api/auth/mfa/enroll/confirm", { method: "POST", body: { code } }),
    onSuccess: (result) => onDone(result.recoveryCodes),
  });
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section aria-labelledby="enroll-heading">
      <Heading id="enroll-heading">{t("identity.enroll.title")}</Heading>
      <p>{t("identity.enroll.why")}</p>
      {start.isError && <ErrorAlert error={start.error} />}
      {!start.data ? (
        <button type="button" className="usa-button" onClick={() => start.mutate()} disabled={start.isPending}>
          {t("identity.enroll.start")}
        </button>
      ) : (
        <ol className="usa-process-list">
          <li className="usa-process-list__item">
            <p className="usa-process-list__heading">{t("identity.enroll.step1")}</p>
            <p>
              <a className="usa-link" href={start.data.otpauthUri}>
                {t("identity.enroll.openApp")}
              </a>
            </p>
            <p>{t("identity.enroll.orType")}</p>
            <p className="font-mono-md text-bold" style={{ wordBreak: "break-all" }} data-testid="totp-secret">
              {groupSecret(start.data.secret)}
            </p>
          </li>
          <li className="usa-process-list__item">
            <p className="usa-process-list__heading">{t("identity.enroll.step2")}</p>
            <form
              className="usa-form"
              onSubmit={(e) => {
                e.preventDefault();
                confirm.mutate();
              }}
              noValidate
            >
              {confirm.isError && <ErrorAlert error={confirm.error} />}
              <label className="usa-label" htmlFor="enroll-code">
                {t("identity.totp.code")}
              </label>
              <input
                className="usa-input"
                id="enroll-code"
                autoComplete="one-time-code"
                inputMode="numeric"
                required
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
              <button className="usa-button margin-top-2" type="submit" disabled={confirm.isPending}>
                {t("identity.enroll.confirm")}
              </button>
            </form>
          </li>
        </ol>
      )}
    </section>
  );
}
