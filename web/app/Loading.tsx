export function Loading({ label }: { label: string }) {
  return (
    <div className="qpi-loading" role="status" aria-live="polite">
      {label}
    </div>
  );
}
