import { useI18n } from "../i18n/i18n";
import { ApiError } from "./api";

/**
 * Shows an API error as the server worded it (in the user's language), with its fields: each field's message names
 * the field by its label ("Notes can be at most 4,000 characters"), never by its key.
 */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t("common.error");
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{message}</p>
        {fields.length > 0 && (
          <ul>
            {fields.map((f) => (
              <li key={`${f.field}:${f.message}`}>{f.message}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
