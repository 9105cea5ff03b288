/** Failed sign-ins allowed per minute, per account and per client IP, before HTTP 429. */
export const SIGN_IN_WINDOW_MS = 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 5;

export type SignInLimitVerdict = { limited: false } | { limited: true; by: "account" | "ip"; message: string };

export function signInVerdict(failures: { account: number; ip: number }): SignInLimitVerdict {
  if (failures.account >= MAX_FAILURES_PER_ACCOUNT)
    return { limited: true, by: "account", message: "Too many failed sign-ins for this account. Wait a minute and try again." };
  if (failures.ip >= MAX_FAILURES_PER_IP)
    return { limited: true, by: "ip", message: "Too many failed sign-ins from your network address. Wait a minute and try again." };
  return { limited: false };
}
