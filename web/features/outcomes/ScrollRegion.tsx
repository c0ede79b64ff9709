import type { ReactNode } from "react";

/**
 * A wide table's scrolling box. It takes keyboard focus and is named after
 * its table, so someone without a mouse can scroll it too (WCAG 2.1.1; axe
 * "scrollable-region-focusable").
 */
export function ScrollRegion({ label, id, children }: { label: string; id?: string; children: ReactNode }) {
  return (
    <div className="qpi-table-wrap" id={id} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
