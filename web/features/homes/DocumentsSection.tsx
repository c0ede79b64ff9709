import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { HouseholdDocumentsView } from "./types";

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

const stateTag: Record<string, string> = {
  accepted: "bg-green",
  submitted: "bg-primary",
  rejected: "bg-secondary-dark",
  missing: "bg-base-dark",
};

/**
 * The documents approval asks for (the state's list, each with its source), what was sent and how it was reviewed,
 * an upload form, and the statements to sign. The RFA worker ("staff") reviews; the family ("own") sends what they
 * provide and signs with their typed name — bound to the SHA-256 of the exact text shown.
 */
export function DocumentsSection({ householdId, seat }: { householdId: string; seat: "staff" | "own" }) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const base = seat === "staff" ? `/api/households/${householdId}` : `/api/my-household/${householdId}`;
  const key = ["household-documents", seat, householdId];
  const list = useQuery({ queryKey: key, queryFn: () => api<HouseholdDocumentsView>(`${base}/documents`) });
  const settle = (data: HouseholdDocumentsView) => {
    client.setQueryData(key, data);
    client.invalidateQueries({ queryKey: seat === "staff" ? ["household", householdId] : ["my-household"] });
  };
  const [code, setCode] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const upload = useMutation({
    mutationFn: async () =>
      api<HouseholdDocumentsView>(`${base}/documents`, {
        method: "POST",
        body: {
          requirementCode: code,
          fileName: file?.name ?? "",
          contentBase64: file ? await readAsBase64(file) : "",
        },
      }),
    onSuccess: (data) => {
      settle(data);
      setFile(null);
      setCode("");
      setInputKey((k) => k + 1);
    },
  });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const review = useMutation({
    mutationFn: (v: { documentId: string; decision: "accepted" | "rejected" }) =>
      api<HouseholdDocumentsView>(`${base}/documents/${v.documentId}/review`, {
        method: "POST",
        body: { decision: v.decision, reason: reasons[v.documentId] ?? null },
      }),
    onSuccess: settle,
  });
  const [signing, setSigning] = useState({ typedName: "", agree: false });
  const sign = useMutation({
    mutationFn: (attestationId: string) =>
      api<HouseholdDocumentsView>(`${base}/signatures`, { method: "POST", body: { attestationId, ...signing } }),
    onSuccess: settle,
  });
  const data = list.data;
  const uploadable = data?.requirements.filter((r) => seat === "staff" || r.providedBy === "applicant") ?? [];
  const id = (s: string) => `${s}-${householdId}`;

  return (
    <section aria-labelledby={id("documents")} className="margin-top-3">
      <h3 id={id("documents")}>{t("docs.title")}</h3>
      <ErrorAlert error={list.error} />
      {data && !data.established && <p>{t("docs.notEstablished", { state: data.stateCode })}</p>}
      {data?.established && (
        <>
          {data.missing.length > 0 && <p>{t("docs.missingCount", { count: data.missing.length })}</p>}
          <ul className="usa-list usa-list--unstyled">
            {data.requirements.map((r) => (
              <li key={r.code} className="border-bottom border-base-lighter padding-y-1">
                <strong>{t(`docs.name.${r.code}`)}</strong>{" "}
                <span className={`usa-tag ${stateTag[r.state]}`}>{t(`docs.state.${r.state}`)}</span>
                <div className="font-body-3xs">
                  {t(`docs.providedBy.${r.providedBy}`)} ·{" "}
                  {r.blocksApproval ? t("docs.beforeApproval") : t("docs.notBeforeApproval")} ·{" "}
                  <a href={r.sourceUrl} rel="noreferrer" target="_blank">
                    {t("docs.source")}
                  </a>
                </div>
                {r.documents.length > 0 && (
                  <ul className="usa-list">
                    {r.documents.map((d) => (
                      <li key={d.id}>
                        <a href={d.fileUrl} target="_blank" rel="noreferrer">
                          {d.fileName}
                        </a>{" "}
                        · {formatDate(d.uploadedAt)} · {t(`docs.state.${d.status}`)}
                        {d.reviewReason ? ` · ${t("docs.reason", { reason: d.reviewReason })}` : ""}
                        {data.mayReview && d.status === "submitted" && (
                          <div className="margin-top-1">
                            <label className="usa-label margin-top-0" htmlFor={`reason-${d.id}`}>
                              {t("docs.rejectReason", { file: d.fileName })}
                            </label>
                            <input
                              className="usa-input"
                              id={`reason-${d.id}`}
                              value={reasons[d.id] ?? ""}
                              onChange={(e) => setReasons({ ...reasons, [d.id]: e.target.value })}
                            />
                            <div className="usa-button-group margin-top-1">
                              <button
                                type="button"
                                className="usa-button"
                                disabled={review.isPending}
                                onClick={() => review.mutate({ documentId: d.id, decision: "accepted" })}
                              >
                                {t("docs.accept", { file: d.fileName })}
                              </button>
                              <button
                                type="button"
                                className="usa-button usa-button--secondary"
                                disabled={review.isPending}
                                onClick={() => review.mutate({ documentId: d.id, decision: "rejected" })}
                              >
                                {t("docs.reject", { file: d.fileName })}
                              </button>
                            </div>
                          </div>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          <ErrorAlert error={review.error} />
          <form
            className="usa-form maxw-full"
            onSubmit={(e) => {
              e.preventDefault();
              upload.mutate();
            }}
          >
            <h4>{t("docs.uploadTitle")}</h4>
            <label className="usa-label" htmlFor={id("doc-kind")}>
              {t("docs.kind")}
            </label>
            <select className="usa-select" id={id("doc-kind")} value={code} onChange={(e) => setCode(e.target.value)}>
              <option value="">{t("docs.choose")}</option>
              {uploadable.map((r) => (
                <option key={r.code} value={r.code}>
                  {t(`docs.name.${r.code}`)}
                </option>
              ))}
            </select>
            <label className="usa-label" htmlFor={id("doc-file")}>
              {t("docs.file")}
            </label>
            <span className="usa-hint" id={id("doc-file-hint")}>
              {t("docs.fileHint")}
            </span>
            <input
              key={inputKey}
              className="usa-input"
              id={id("doc-file")}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              aria-describedby={id("doc-file-hint")}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <ErrorAlert error={upload.error} />
            <button type="submit" className="usa-button margin-top-2" disabled={upload.isPending}>
              {t("docs.upload")}
            </button>
            {upload.isSuccess && (
              <p role="status" className="margin-top-1">
                {t("docs.uploaded")}
              </p>
            )}
          </form>
        </>
      )}
      {data?.attestations.map((a) => (
        <div key={a.id} className="margin-top-3">
          <h4>{t(`docs.attestation.${a.code}`)}</h4>
          <blockquote className="border-left-05 border-primary padding-left-2 margin-left-0">{a.text}</blockquote>
          {a.signatures.map((s) => (
            <p key={`${s.typedName}-${s.signedAt}`}>
              {t("docs.signedBy", { name: s.typedName, date: formatDate(s.signedAt) })}{" "}
              <span className="font-mono-3xs text-base">SHA-256 {s.textSha256.slice(0, 12)}…</span>
              {!s.matches && <strong> · {t("docs.textChanged")}</strong>}
            </p>
          ))}
          {a.signatures.length === 0 && <p>{t("docs.notSigned")}</p>}
          {a.maySign && (
            <form
              className="usa-form maxw-full"
              onSubmit={(e) => {
                e.preventDefault();
                sign.mutate(a.id);
              }}
            >
              <div className="usa-checkbox">
                <input
                  className="usa-checkbox__input"
                  id={id(`agree-${a.id}`)}
                  type="checkbox"
                  checked={signing.agree}
                  onChange={(e) => setSigning({ ...signing, agree: e.target.checked })}
                />
                <label className="usa-checkbox__label" htmlFor={id(`agree-${a.id}`)}>
                  {t("docs.agree")}
                </label>
              </div>
              <label className="usa-label" htmlFor={id(`typed-${a.id}`)}>
                {t("docs.typedName")}
              </label>
              <input
                className="usa-input"
                id={id(`typed-${a.id}`)}
                autoComplete="name"
                value={signing.typedName}
                onChange={(e) => setSigning({ ...signing, typedName: e.target.value })}
              />
              <ErrorAlert error={sign.error} />
              <button type="submit" className="usa-button margin-top-2" disabled={sign.isPending}>
                {t("docs.sign")}
              </button>
            </form>
          )}
        </div>
      ))}
    </section>
  );
}
