/** Runs once when the server starts (Node runtime). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stampPeerAddress } = await import("./server/peer-address");
  stampPeerAddress();
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // A bad or missing variable stops the process at start-up with one message naming all of them
  // (SKIP_ENV_VALIDATION only skips the check at build time).
  const { env, ConfigError } = await import("./server/config");
  try {
    env();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  // Cluster informers start listing now, so the first request is answered from a warm cache.
  const { startClusterWatches } = await import("./server/adapters/kubernetes/registry");
  startClusterWatches();
  // Service checks (SERVICE_CHECKS) probe on a schedule; one replica per round (claimed in the database).
  const { startServiceCheckLoop } = await import("./server/services/observability/serviceChecks");
  const { getDb } = await import("./server/db");
  startServiceCheckLoop(getDb);
}
