/** The pods filter as the URL carries it (the server page prefetches the same input the client reads). */
export interface PodFilterInput {
  cluster?: string; namespace?: string; status?: string; node?: string; workload?: string; q?: string; limit: number;
}

export function podFilterFromParams(get: (k: string) => string | null | undefined): PodFilterInput {
  const v = (k: string) => get(k) || undefined;
  return { cluster: v("cluster"), namespace: v("namespace"), status: v("status"), node: v("node"), workload: v("workload"), q: v("q"), limit: 300 };
}
