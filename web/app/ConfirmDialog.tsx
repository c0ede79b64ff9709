import { type ReactNode, useEffect, useId, useRef } from "react";

/**
 * Asks before a step that is hard to undo. A native modal <dialog>: focus moves into it and stays there, Escape
 * cancels, and focus returns to the button that opened it. The safe choice (cancel) has the first focus.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  pending = false,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
  pending?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="qpi-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="margin-top-0">
        {title}
      </h2>
      <div id={bodyId}>{children}</div>
      <ul className="usa-button-group margin-top-3">
        <li className="usa-button-group__item">
          {/* biome-ignore lint/a11y/noAutofocus: a modal dialog gives its safe choice the focus (WAI-ARIA APG) */}
          <button type="button" className="usa-button usa-button--outline" onClick={onCancel} autoFocus>
            {cancelLabel}
          </button>
        </li>
        <li className="usa-button-group__item">
          <button type="button" className="usa-button usa-button--secondary" onClick={onConfirm} disabled={pending}>
            {confirmLabel}
          </button>
        </li>
      </ul>
    </dialog>
  );
}
