import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Card } from "./card";

/** A view whose query failed before any data arrived: the error, announced, in its card. */
export function QueryErrorCard({ message }: { message: string }) {
  return (
    <Card>
      <p role="alert" className="text-sm text-bad">
        {message}
      </p>
    </Card>
  );
}

/** A view waiting for its first data. */
export function LoadingCard() {
  return (
    <Card>
      <p className="text-sm text-muted">Loading…</p>
    </Card>
  );
}

/**
 * A query's three states in place: its error (announced, after an optional prefix), "Loading…", or
 * what `children` renders from the data.
 */
export function QueryResult<T>({
  query,
  errorPrefix,
  children,
}: {
  query: UseQueryResult<T, { message: string }>;
  errorPrefix?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isError) {
    return (
      <p role="alert" className="text-sm text-bad">
        {errorPrefix}
        {query.error.message}
      </p>
    );
  }
  if (query.isPending) return <p className="text-sm text-muted">Loading…</p>;
  return <>{children(query.data)}</>;
}
