import type { ReactNode } from "react";

/** A labelled form control: the label above, the control (input/select), and its error below when there is one. */
export function Field({ label, error, children }: { label: ReactNode; error?: string | false | null; children: ReactNode }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block text-muted">{label}</span>
      {children}
      {error && <span className="text-xs text-bad">{error}</span>}
    </label>
  );
}
