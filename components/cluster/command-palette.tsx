"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc-provider";
import { inputClass } from "@/components/ui/button";

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

/** Ctrl-K (or "/" outside a text field): jump to any node, workload, pod, site or page by name. */
export function CommandPalette() {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [debounced, setDebounced] = useState("");
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key === "k" && (e.ctrlKey || e.metaKey)) || (e.key === "/" && !typing(e.target))) {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === "Escape") setOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(q), 120);
    return () => clearTimeout(t);
  }, [q]);
  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  const { data } = useQuery({ ...trpc.cluster.search.queryOptions({ q: debounced }), enabled: open });
  const results = data ?? [];
  const go = (href: string) => {
    setOpen(false);
    setQ("");
    router.push(href);
  };

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="rounded-md border border-line px-2 py-1 text-sm text-muted hover:text-fg" title="Find anything (Ctrl-K or /)">
        Find… <kbd className="text-xs">Ctrl K</kbd>
      </button>
      {open && (
        <div className="fixed inset-0 z-50 flex items-start justify-center bg-black/40 p-4 pt-[10vh]" onClick={() => setOpen(false)}>
          <div role="dialog" aria-label="Find anything" className="w-full max-w-xl rounded-lg border border-line bg-surface p-3 shadow-xl" onClick={(e) => e.stopPropagation()}>
            <input
              ref={inputRef}
              aria-label="Find a node, workload, pod, site or page"
              placeholder="Node, workload, pod, site or page…"
              value={q}
              className={inputClass}
              onChange={(e) => { setQ(e.target.value); setActive(0); }}
              onKeyDown={(e) => {
                if (e.key === "ArrowDown") { e.preventDefault(); setActive((a) => Math.min(a + 1, results.length - 1)); }
                if (e.key === "ArrowUp") { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
                if (e.key === "Enter" && results[active]) go(results[active].href);
              }}
            />
            <ul role="listbox" className="mt-2 max-h-96 overflow-auto">
              {results.map((r, i) => (
                <li key={`${r.type}:${r.href}`} role="option" aria-selected={i === active}>
                  <button type="button" onClick={() => go(r.href)} onMouseEnter={() => setActive(i)}
                    className={`flex w-full items-baseline justify-between gap-2 rounded px-2 py-1.5 text-left text-sm ${i === active ? "bg-accent/15" : ""}`}>
                    <span className="truncate font-medium">{r.label}</span>
                    <span className="shrink-0 text-xs text-muted">{r.detail}</span>
                  </button>
                </li>
              ))}
              {debounced && results.length === 0 && <li className="px-2 py-1.5 text-sm text-muted">Nothing named like “{debounced}”.</li>}
            </ul>
          </div>
        </div>
      )}
    </>
  );
}
