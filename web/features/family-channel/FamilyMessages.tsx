import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api } from "../../app/api";
import { ErrorAlert } from "../../app/ErrorAlert";
import { useI18n } from "../../i18n/i18n";
import type { MessageInputBody, PartyThreadsView, PartyThreadView } from "./types";

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * The relayed messages with the other family, on the caregiver's page of a child and on the birth parent's page.
 * Without an agreement in force the API answers 404: the section says how the channel opens.
 */
export function FamilyMessages({ childId, side }: { childId: string; side: "caregiver" | "birth_parent" }) {
  const { t } = useI18n();
  const base =
    side === "caregiver" ? `/api/my-children/${childId}/messages` : `/api/family/children/${childId}/messages`;
  const threads = useQuery({
    queryKey: ["family-messages", side, childId],
    queryFn: () => api<PartyThreadsView>(base),
    retry: false,
  });
  const none = threads.error instanceof ApiError && threads.error.status === 404;
  return (
    <section aria-labelledby="family-messages-heading" className="qpi-card margin-bottom-2">
      <h2 id="family-messages-heading">{t("channel.title")}</h2>
      <p>{t(side === "caregiver" ? "channel.introCaregiver" : "channel.introParent")}</p>
      {threads.isPending && <p>{t("common.loading")}</p>}
      {none && <p>{t("channel.none")}</p>}
      {threads.error && !none && <ErrorAlert error={threads.error} />}
      {threads.data?.threads.map((thread) => (
        <Thread
          key={thread.agreementId}
          thread={thread}
          base={base}
          side={side}
          queryKey={["family-messages", side, childId]}
        />
      ))}
    </section>
  );
}

function Thread({
  thread,
  base,
  side,
  queryKey,
}: {
  thread: PartyThreadView;
  base: string;
  side: "caregiver" | "birth_parent";
  queryKey: string[];
}) {
  const { t, formatDate } = useI18n();
  const client = useQueryClient();
  const [body, setBody] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const other = thread.otherPartyName ?? t("channel.resourceFamily");
  const send = useMutation({
    mutationFn: async () => {
      const input: MessageInputBody = { agreementId: thread.agreementId, body };
      if (file) input.attachment = { fileName: file.name, contentBase64: await readAsBase64(file) };
      return api(base, { method: "POST", body: input });
    },
    onSuccess: () => {
      setBody("");
      setFile(null);
      setFileKey((k) => k + 1);
      void client.invalidateQueries({ queryKey });
    },
  });
  const id = thread.agreementId.slice(0, 8);
  return (
    <div className="margin-top-2">
      <h3 className="margin-bottom-05">{t("channel.with", { name: other })}</h3>
      <p className="font-body-2xs margin-top-0">{t("channel.agreedOn", { date: formatDate(thread.agreedOn) })}</p>
      {thread.status !== "open" && (
        <div className="usa-alert usa-alert--info usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{t(`channel.status.${thread.status}`)}</p>
          </div>
        </div>
      )}
      {thread.messages.length === 0 && <p>{t("channel.empty")}</p>}
      <ol className="usa-list usa-list--unstyled" aria-label={t("channel.listLabel")}>
        {thread.messages.map((m) => (
          <li
            key={m.id}
            className={`padding-1 margin-y-1 radius-md ${m.fromMe ? "bg-primary-lighter margin-left-4" : "bg-base-lightest margin-right-4"}`}
          >
            <div className="font-body-2xs text-base-dark">
              {m.fromMe
                ? t("channel.you")
                : (m.senderName ?? (m.side === "caregiver" ? t("channel.resourceFamily") : t("channel.parent")))}{" "}
              · {formatDate(m.sentAt.slice(0, 10))}
            </div>
            <div className="qpi-prewrap">{m.body}</div>
            {m.attachment &&
              (m.attachment.contentType.startsWith("image/") ? (
                <img
                  src={m.attachment.url}
                  alt={t("channel.photoFrom", { name: m.fromMe ? t("channel.you") : other })}
                  className="maxw-full margin-top-1"
                  style={{ maxHeight: 240 }}
                />
              ) : (
                <a href={m.attachment.url} className="usa-link">
                  {m.attachment.fileName}
                </a>
              ))}
          </li>
        ))}
      </ol>
      {thread.status === "open" && (
        <form
          className="usa-form maxw-full"
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <ErrorAlert error={send.error} />
          <label className="usa-label" htmlFor={`message-body-${id}`}>
            {t("channel.message")}
          </label>
          <span className="usa-hint" id={`message-hint-${id}`}>
            {t(side === "caregiver" ? "channel.hintCaregiver" : "channel.hintParent")}
          </span>
          <textarea
            className="usa-textarea"
            id={`message-body-${id}`}
            aria-describedby={`message-hint-${id}`}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <label className="usa-label" htmlFor={`message-file-${id}`}>
            {t("channel.attachment")}
          </label>
          <input
            key={fileKey}
            className="usa-input"
            id={`message-file-${id}`}
            type="file"
            accept="image/jpeg,image/png,application/pdf"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <button type="submit" className="usa-button margin-top-1" disabled={send.isPending}>
            {t("channel.send")}
          </button>
        </form>
      )}
    </div>
  );
}
