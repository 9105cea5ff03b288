import { BackupsOverviewCard } from "@/components/backups/backups-overview-card";
import { EdgeOverviewCard } from "@/components/edge/edge-overview-card";
import { AlertsOverviewCard } from "@/components/observability/alerts-overview-card";

/**
 * Summary cards other areas add to the overview (backups, edge, alerts): import your card and add
 * ONE line inside the grid. Each card fetches its own data and shows its own source errors, so one
 * failing source never blanks the overview.
 */
export function OverviewSections() {
  const cards: React.ReactNode[] = [
    <BackupsOverviewCard key="backups" />,
    <EdgeOverviewCard key="edge" />,
    <AlertsOverviewCard key="alerts" />,
  ];
  if (cards.length === 0) return null;
  return (
    <div data-testid="overview-sections" className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {cards}
    </div>
  );
}
