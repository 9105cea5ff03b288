/**
 * The sim in its own process for bench/overview.ts, so that its CPU is not spent on the event loop
 * that times the console's answers. Talks over the fork IPC channel:
 *   → parent: { estate } once started; { count } in answer to "count".
 *   ← parent: "count" | "stop".
 */
import { startSim } from "../sim/index";

const nodes = Number(process.argv[2] ?? 44);
const pods = Number(process.argv[3] ?? 5000);
const sim = await startSim({ nodes, pods });
process.send!({ estate: sim.estate });
process.on("message", (m) => {
  if (m === "count") process.send!({ count: sim.k8sRequestCount() });
  if (m === "stop") void sim.stop().finally(() => process.exit(0));
});
process.on("disconnect", () => void sim.stop().finally(() => process.exit(0)));
