import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { PublicMain } from "../../app/PublicMain";
import { sessionQueryKey } from "../../app/session";
import { useI18n } from "../../i18n/i18n";
import { publicSitePageFor } from "../define/PublicSitePage";
import { publicInquiryPageFor } from "../homes/PublicInquiryPage";
import { EnrollStep, RecoveryCodes, TotpStep } from "../identity/MfaSteps";
import { publicPageFor } from "../identity/PublicPages";
import type { SignInResultView } from "../identity/types";

type Step = "password" | "totp" | "enroll" | "codes";

export function SignInPage() {
  const path = window.location.pathname;
  const page = publicPageFor(path) ?? publicInquiryPageFor(path) ?? publicSitePageFor(path);
  return page ?? <SignInFlow />;
}

function SignInFlow() {
  const { t, setLanguage } = useI18n();
  const client = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [remember, setRemember] = useState(false);
  const [step, setStep] = useState<Step>("password");
  const [codes, setCodes] = useState<string[]>([]);
  const finish = () => client.invalidateQueries({ queryKey: sessionQueryKey });
  const signIn = useMutation({
    mutationFn: () =>
      api<SignInResultView>("/api/auth/sign-in", {
        method: "POST",
        body: { email, password, remember },
      }),
    onSuccess: (result) => {
      setPassword("");
      // From here on the interface speaks the account's language (the server set its cookie too).
      setLanguage(result.language);
      if (result.next === "done") void finish();
      else setStep(result.next);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate();
  }

  return (
    <PublicMain>
      <h1>{t("app.name")}</h1>
      <p className="usa-intro">{t("auth.tagline")}</p>
      {step === "password" && (
        <>
          <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
            <fieldset className="usa-fieldset">
              <legend className="usa-legend usa-legend--large">{t("auth.signIn")}</legend>
              {signIn.isError && <ErrorAlert error={signIn.error} />}
              <label className="usa-label" htmlFor="email">
                {t("auth.email")}
              </label>
              <input
                className="usa-input"
                id="email"
                name="email"
                type="email"
                autoComplete="username"
                autoCapitalize="off"
                spellCheck={false}
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
              <label className="usa-label" htmlFor="password">
                {t("auth.password")}
              </label>
              <input
                className="usa-input"
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <div className="usa-checkbox margin-top-3">
                <input
                  className="usa-checkbox__input"
                  id="remember"
                  name="remember"
                  type="checkbox"
                  checked={remember}
                  aria-describedby="remember-hint"
                  onChange={(e) => setRemember(e.target.checked)}
                />
                <label className="usa-checkbox__label" htmlFor="remember">
                  {t("auth.remember")}
                  <span id="remember-hint" className="usa-checkbox__label-description">
                    {t("auth.rememberHint")}
                  </span>
                </label>
              </div>
              <button
                className="usa-button usa-button--big width-full margin-top-3"
                type="submit"
                disabled={signIn.isPending}
              >
                {signIn.isPending ? t("auth.signingIn") : t("auth.signIn")}
              </button>
            </fieldset>
          </form>
          <p className="margin-top-2">
            <a className="usa-link" href="/forgot-password">
              {t("identity.forgot.link")}
            </a>
          </p>
          <p className="margin-top-4 text-base">{t("auth.demoHint")}</p>
        </>
      )}
      {step === "totp" && <TotpStep onDone={() => void finish()} />}
      {step === "enroll" && (
        <EnrollStep
          onDone={(recoveryCodes) => {
            setCodes(recoveryCodes);
            setStep("codes");
          }}
        />
      )}
      {step === "codes" && (
        <>
          <RecoveryCodes codes={codes} />
          <button type="button" className="usa-button usa-button--big margin-top-3" onClick={() => void finish()}>
            {t("identity.recovery.continue")}
          </button>
        </>
      )}
    </PublicMain>
  );
}
