import { Card, PageHeader } from "@/components/ui/card";

/** Until a feature lands, its page says plainly what it will show — no fake data. */
export function Placeholder({ title, willShow }: { title: string; willShow: string[] }) {
  return (
    <div>
      <PageHeader title={title} description="This section is not built yet." />
      <Card title="What this page will show">
        <ul className="list-disc space-y-1 pl-5 text-sm text-muted">
          {willShow.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

export function NotAllowed({ role, needed }: { role: string; needed: string }) {
  return (
    <div>
      <PageHeader title="Not available for your role" />
      <Card>
        <p className="text-sm text-muted">
          This page needs the <strong>{needed}</strong> role; you are signed in as <strong>{role}</strong>.
        </p>
      </Card>
    </div>
  );
}
