"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button, inputClass } from "./button";

/**
 * Confirmation before an action. On production the user must type the target's name; a reason
 * field can be offered (or required) and is passed to `onConfirm` for the audit log.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel = "Confirm",
  danger = true,
  production = false,
  typedName,
  reason = "optional",
  wide = false,
  onConfirm,
}: {
  /** the button that opens the dialog (rendered as given, with an onClick added) */
  trigger: (open: () => void) => React.ReactNode;
  title: string;
  description?: React.ReactNode;
  confirmLabel?: string;
  danger?: boolean;
  /** production targets need the name typed */
  production?: boolean;
  typedName?: string;
  reason?: "none" | "optional" | "required";
  /** room for tables and diffs (e.g. the rollback dialog) */
  wide?: boolean;
  onConfirm: (input: { reason: string | undefined }) => Promise<void> | void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const [why, setWhy] = useState("");
  const [busy, setBusy] = useState(false);
  const [isOpen, setOpen] = useState(false);
  const open = () => setOpen(true);
  const [error, setError] = useState<string | null>(null);
  const nameId = useId();
  const reasonId = useId();
  const needsName = production && !!typedName;
  const ready = (!needsName || typed.trim() === typedName) && (reason !== "required" || why.trim().length > 0);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const onClose = () => {
      setOpen(false);
      setTyped("");
      setWhy("");
      setError(null);
    };
    d.addEventListener("close", onClose);
    return () => d.removeEventListener("close", onClose);
  }, []);


  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (isOpen && !d.open) d.showModal();
    if (!isOpen && d.open) d.close();
  }, [isOpen]);

  async function confirm(e: React.FormEvent) {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm({ reason: why.trim() || undefined });
      setOpen(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {trigger(open)}
      <dialog ref={ref} className={`m-auto ${wide ? "w-[min(48rem,calc(100vw-2rem))]" : "w-[min(28rem,calc(100vw-2rem))]"} rounded-lg border border-line bg-surface p-0 text-fg shadow-xl backdrop:bg-black/50`}>
        <form onSubmit={confirm} className="space-y-3 p-4">
          <h2 className="text-base font-semibold">{title}</h2>
          {description && <div className="text-sm text-muted">{description}</div>}
          {production && (
            <p className="rounded-md border border-bad/40 bg-bad/10 px-2 py-1 text-sm text-bad">This is a production target.</p>
          )}
          {needsName && (
            <div>
              <label htmlFor={nameId} className="mb-1 block text-sm">
                Type <code className="font-mono font-semibold">{typedName}</code> to confirm
              </label>
              <input id={nameId} className={inputClass} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
            </div>
          )}
          {reason !== "none" && (
            <div>
              <label htmlFor={reasonId} className="mb-1 block text-sm">
                Reason {reason === "optional" ? <span className="text-muted">(optional, kept in the audit log)</span> : "(kept in the audit log)"}
              </label>
              <input id={reasonId} className={inputClass} value={why} onChange={(e) => setWhy(e.target.value)} maxLength={500} />
            </div>
          )}
          {error && (
            <p role="alert" className="text-sm text-bad">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2 pt-1">
            <Button onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" variant={danger ? "danger" : "primary"} disabled={!ready || busy} write>
              {busy ? "Working…" : confirmLabel}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
