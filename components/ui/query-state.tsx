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
