import { ApiError } from "../../app/api";
import { useI18n } from "../../i18n/i18n";

/**
 * After the server refused a date as unusual (a hearing long past, a start far ahead), the worker can check the date
 * and confirm it: the next save sends `confirmUnusualDate`. Dates that cannot be right (before the child's birth)
 * stay refused whatever is confirmed. Shown only when the refusal named this date field.
 */
export function UnusualDateConfirm({
  id,
  field,
  error,
  checked,
  onChange,
}: {
  id: string;
  field: string;
  error: unknown;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  const { t } = useI18n();
  const named = error instanceof ApiError && error.status === 400 && error.fields.some((f) => f.field === field);
  if (!named && !checked) return null;
  return (
    <div className="usa-checkbox margin-top-1">
      <input
        className="usa-checkbox__input"
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label className="usa-checkbox__label" htmlFor={id}>
        {t("date.confirmUnusual")}
      </label>
    </div>
  );
}
