export function EmptyState({ title, children }: { title: React.ReactNode; children?: React.ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-line px-4 py-8 text-center text-sm text-muted">
      <p className="font-medium text-fg">{title}</p>
      {children && <div className="mt-1">{children}</div>}
    </div>
  );
}
