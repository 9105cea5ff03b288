/**
 * The filters of the Nodes and Workloads tables as the URL carries them: each field set must equal
 * the row's value, and `q` must occur in the row's name. Empty values filter nothing.
 */
export type RowFilters<R> = { [K in keyof R | "q"]?: string };

export function matchesFilters<R extends { name: string }>(row: R, filters: RowFilters<R>): boolean {
  for (const [key, wanted] of Object.entries(filters) as Array<[keyof R | "q", string | undefined]>) {
    if (!wanted) continue;
    if (key === "q" ? !row.name.includes(wanted) : row[key] !== wanted) return false;
  }
  return true;
}
