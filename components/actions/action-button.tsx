"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** What every action mutation returns (server/services/actions/run.ts ActionOutcome). */
export type Outcome<T = unknown> = {
  auditId: string;
  status: "succeeded" | "failed" | "pending";
  message: string;
  duplicate: boolean;
  data?: T;
};

/** A fresh idempotency key (getRandomValues works on plain-HTTP pages too, unlike randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export type ConfirmFields = { idempotencyKey: string; reason: string | null; confirmName: string | null };

export interface ActionTarget {
  cluster: string;
  clusterName: string;
  production: boolean;
  namespace?: string | null;
  kind: string;
  name: string;
}

/** "hetzner-prod / grio / Deployment django-api" — what every confirmation names. */
export function targetLine(t: ActionTarget) {
  return (
    <p className="text-fg">
      <span className="text-muted">Cluster</span> <strong>{t.clusterName}</strong>
      {t.namespace ? (
        <>
          {" · "}
          <span className="text-muted">namespace</span> <strong>{t.namespace}</strong>
        </>
      ) : null}
      {" · "}
      <span className="text-muted">{t.kind}</span> <strong className="font-mono">{t.name}</strong>
    </p>
  );
}

/**
 * A write button with its confirmation dialog. The dialog carries one idempotency key from opening
 * to success, so a double click or a retry of the same confirmation acts once; after a failure a new
 * key is drawn for the next attempt.
 */
export function ActionButton<T>({
  label,
  title,
  target,
  description,
  confirmLabel,
  danger = false,
  wide = false,
  disabled,
  onOpen,
  run,
  onDone,
}: {
  label: string;
  title: string;
  target: ActionTarget;
  description?: React.ReactNode;
  confirmLabel?: string;
  danger?: boolean;
  wide?: boolean;
  disabled?: boolean;
  onOpen?: () => void;
  run: (fields: ConfirmFields) => Promise<Outcome<T>>;
  onDone?: (outcome: Outcome<T>, startedAt: number) => void;
}) {
  const key = useRef<string>("");
  const [last, setLast] = useState<Outcome<T> | null>(null);
  return (
    <span className="inline-flex flex-col gap-1">
      <ConfirmDialog
        trigger={(open) => (
          <Button
            write
            disabled={disabled}
            variant={danger ? "danger" : "secondary"}
            onClick={() => {
              key.current = newIdempotencyKey();
              setLast(null);
              onOpen?.();
              open();
            }}
          >
            {label}
          </Button>
        )}
        title={title}
        description={
          <div className="space-y-2">
            {targetLine(target)}
            {description}
          </div>
        }
        confirmLabel={confirmLabel ?? label}
        danger={danger}
        wide={wide}
        production={target.production}
        typedName={target.name}
        onConfirm={async ({ reason }) => {
          const startedAt = Date.now();
          const outcome = await run({ idempotencyKey: key.current, reason: reason ?? null, confirmName: target.production ? target.name : null });
          if (outcome.status === "failed") {
            key.current = newIdempotencyKey();
            throw new Error(outcome.message);
          }
          setLast(outcome);
          onDone?.(outcome, startedAt);
        }}
      />
      {last && (
        <span role="status" className="text-xs text-muted">
          {last.message}
        </span>
      )}
    </span>
  );
}
