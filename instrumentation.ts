export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampPeerAddress } = await import("./server/peer-address");
    stampPeerAddress();
    // Cluster informers start listing now, so the first request is answered from a warm cache.
    const { startClusterWatches } = await import("./server/adapters/kubernetes/registry");
    startClusterWatches();
  }
}
