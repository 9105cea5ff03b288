import type { SourceError } from "@/server/adapters/errors";

/** Which sources failed, in plain sentences, shown beside whatever data did arrive. */
export function SourceErrors({ errors }: { errors: SourceError[] | undefined }) {
  if (!errors || errors.length === 0) return null;
  return (
    <div role="alert" data-testid="source-errors" className="mb-3 rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm text-bad">
      <p className="font-medium">Some sources did not answer; what is shown may be incomplete.</p>
      <ul className="mt-1 list-disc pl-5">
        {errors.map((e, i) => (
          <li key={`${e.source}-${e.instance ?? ""}-${i}`}>
            <span className="font-medium">{e.instance ? `${e.source} (${e.instance})` : e.source}:</span> {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
