import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { Loading } from "../../app/Loading";
import { useI18n } from "../../i18n/i18n";
import { EnrollStep, RecoveryCodes } from "./MfaSteps";
import type { MfaStatusView, RecoveryCodesView } from "./types";

/** The user's own two-step sign-in: set it up, see how many recovery codes are left, get new ones. */
export function AccountSecurityPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const status = useQuery({ queryKey: ["me", "mfa"], queryFn: () => api<MfaStatusView>("/api/me/mfa") });
  const [codes, setCodes] = useState<string[]>([]);
  const regenerate = useMutation({
    mutationFn: () => api<RecoveryCodesView>("/api/me/mfa/recovery-codes", { method: "POST" }),
    onSuccess: (r) => {
      setCodes(r.recoveryCodes);
      void client.invalidateQueries({ queryKey: ["me", "mfa"] });
    },
  });
  if (status.isPending) return <Loading label={t("common.loading")} />;
  if (status.isError) return <ErrorAlert error={status.error} />;
  return (
    <>
      <h1>{t("identity.account.title")}</h1>
      {codes.length > 0 && <RecoveryCodes codes={codes} />}
      {status.data.enrolled ? (
        <>
          <p>{t("identity.account.enrolled", { count: status.data.recoveryCodesLeft })}</p>
          {regenerate.isError && <ErrorAlert error={regenerate.error} />}
          <button
            type="button"
            className="usa-button usa-button--outline"
            onClick={() => regenerate.mutate()}
            disabled={regenerate.isPending}
          >
            {t("identity.account.newCodes")}
          </button>
        </>
      ) : (
        <>
          <p>{status.data.requiredByPolicy ? t("identity.account.required") : t("identity.account.optional")}</p>
          <EnrollStep
            onDone={(recoveryCodes) => {
              setCodes(recoveryCodes);
              void client.invalidateQueries({ queryKey: ["me", "mfa"] });
            }}
          />
        </>
      )}
    </>
  );
}
