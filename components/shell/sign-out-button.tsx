"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/signin" })}
      className="rounded-md border border-line px-2.5 py-1 text-sm hover:bg-surface-2"
    >
      Sign out
    </button>
  );
}
