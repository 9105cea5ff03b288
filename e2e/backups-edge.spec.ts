import { bringUpFleet, type FleetUp } from "../test/harness/edge-fleet";
import { expect, test } from "./support/fixtures";

/**
 * What the ministry asks first, as the ministry viewer: are the backups good (last night's dump is
 * small, one day was missed) and which schools have not synced (two silent for nine days).
 * beforeAll registers the sim's sites through the sites API as the demo admin and starts their
 * sync agents (replaying one heartbeat a day for the last 30 days).
 */
const DAY = 86_400_000;
let fleet: FleetUp | undefined;

test.describe("backups and edge sites, as ministry", () => {
  test.skip(({ grio }) => !grio.sim, "needs the sim");

  test.beforeAll(async ({ grio }) => {
    test.setTimeout(120_000);
    const sites = grio.sim!.estate.sites;
    fleet = await bringUpFleet(grio.url, sites, { email: "admin@grio.local", password: "grio-demo" }, { historyEveryHours: 24 });
    const silent = sites.filter((s) => s.silentSince !== undefined).map((s) => s.id);
    // wait until the silent sites have delivered their whole (short) history
    await expect.poll(() => silent.every((id) => fleet!.agents.stats(id).queued === 0 && fleet!.agents.stats(id).accepted > 0), { timeout: 90_000 }).toBe(true);
  });

  test.afterAll(() => {
    fleet?.agents.stop();
  });

  test("backups page shows Postgres anomalous for the small dump, and the missed day", async ({ page, signInAs }) => {
    await signInAs("ministry");
    await page.goto("/backups");
    await expect(page.getByTestId("stream-status-postgres")).toHaveText("anomalous");
    await expect(page.getByTestId("stream-reason-postgres")).toContainText("under half the median");
    const missed = new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10);
    await expect(page.getByTestId("missed-days-postgres")).toContainText(missed);
    await expect(page.locator(`#stream-postgres [data-day="${missed}"]`)).toHaveAttribute("data-status", "missed");
    await expect(page.getByTestId("stream-status-qdrant")).toHaveText("ok");
    await expect(page.locator("[data-write-control]")).toHaveCount(0);
  });

  test("edge page shows the two silent sites as stale with their offline duration", async ({ page, signInAs, grio }) => {
    const silent = grio.sim!.estate.sites.filter((s) => s.silentSince !== undefined);
    expect(silent).toHaveLength(2);
    await signInAs("ministry");
    await page.goto("/edge");
    for (const s of silent) {
      await expect(page.getByTestId(`freshness-${s.id}`)).toHaveText("stale");
      await expect(page.getByTestId(`offline-${s.id}`)).toHaveText(/^offline (9|10) d/);
      // joined to its K3s node (label grio.io/site): NotReady and stale read as one story
      await expect(page.getByTestId(`story-${s.id}`)).toContainText(`node ${s.nodeName} is NotReady`);
    }
    // ministry viewers see no tokens and no site settings or admin controls
    await expect(page.getByText("Register a site")).toHaveCount(0);
    await expect(page.locator("[data-write-control]")).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText("gsite_");
  });
});
