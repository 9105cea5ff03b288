export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampPeerAddress } = await import("./server/peer-address");
    stampPeerAddress();
  }
}
