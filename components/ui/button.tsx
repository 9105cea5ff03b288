import { forwardRef } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

const VARIANT: Record<Variant, string> = {
  primary: "bg-accent text-white hover:opacity-90 border-transparent",
  secondary: "bg-surface text-fg border-line hover:bg-surface-2",
  danger: "bg-bad text-white hover:opacity-90 border-transparent",
  ghost: "bg-transparent text-fg border-transparent hover:bg-surface-2",
};

/**
 * `write` marks a control that changes something (an action, a setting): it carries
 * `data-write-control`, and e2e tests assert a viewer's pages contain none.
 */
export const Button = forwardRef<HTMLButtonElement, React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; write?: boolean }>(
  function Button({ variant = "secondary", write, className = "", type = "button", ...rest }, ref) {
    return (
      <button
        ref={ref}
        type={type}
        data-write-control={write ? "" : undefined}
        className={`inline-flex items-center justify-center gap-1 rounded-md border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 ${VARIANT[variant]} ${className}`}
        {...rest}
      />
    );
  },
);

export const inputClass =
  "w-full rounded-md border border-line bg-surface px-2.5 py-1.5 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-none";
