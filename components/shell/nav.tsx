"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Section } from "./sections";

/** Sidebar on wide screens, a sideways-scrolling strip on a phone. */
export function Nav({ sections }: { sections: Section[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Sections" className="flex gap-1 overflow-x-auto px-2 py-2 md:flex-col md:overflow-visible md:px-3 md:py-4">
      {sections.map((s) => {
        const active = pathname === s.href || pathname.startsWith(`${s.href}/`);
        return (
          <Link
            key={s.href}
            href={s.href}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-1.5 text-sm ${
              active ? "bg-accent/15 font-semibold text-accent" : "text-muted hover:bg-surface-2 hover:text-fg"
            }`}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
