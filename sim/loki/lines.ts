/**
 * Log lines generated from the estate, deterministically, for any time window: each running
 * container is a stream labelled as promtail's kubernetes-pods config labels it. Grio's services
 * log JSON with a `level`; the crash-looping container logs its start-up and its stack trace
 * around every restart.
 */
import type { EstateView, SimContainerView, SimPodView } from "../contract";
import { hash32 } from "../faults";

export interface Entry {
  /** nanoseconds since the epoch */
  ns: bigint;
  line: string;
}

export interface Stream {
  labels: Record<string, string>;
  /** entries in [fromMs, toMs), oldest first (forward) or newest first (backward) */
  entries(fromMs: number, toMs: number, backward: boolean): Iterable<Entry>;
}

type Gen = (ctx: { pod: SimPodView; c: SimContainerView; k: number; t: number; h: number }) => string;

const iso = (t: number) => new Date(t).toISOString();
const pick = <T>(xs: readonly T[], h: number): T => xs[h % xs.length]!;

const DJANGO_PATHS: Array<[string, string, string]> = [
  ["GET", "/api/v1/lessons/", "api:lesson-list"],
  ["GET", "/api/v1/lessons/4812/", "api:lesson-detail"],
  ["POST", "/api/v1/submissions/", "api:submission-create"],
  ["GET", "/api/v1/progress/me/", "api:progress-detail"],
  ["POST", "/api/v1/tutor/chat/", "api:tutor-chat"],
  ["GET", "/health", "health"],
];

const django: Gen = ({ t, h, k }) => {
  const [method, path, view] = pick(DJANGO_PATHS, h);
  const r = (h >>> 8) % 1000;
  const status = r < 6 ? 500 : r < 30 ? 404 : r < 45 ? 401 : r < 60 ? 400 : method === "POST" && view === "api:submission-create" ? 201 : 200;
  const level = status >= 500 ? "error" : status >= 400 ? "warning" : "info";
  const duration = Math.round((view === "health" ? 3 : 25 + ((h >>> 4) % 400) * (status >= 500 ? 6 : 1)) * 10) / 10;
  const base = { time: iso(t), level, logger: "django.request", message: `${method} ${path} ${status}`, method, path, view, status, duration_ms: duration, request_id: (hash32(`${h}/${k}`) >>> 0).toString(16).padStart(8, "0") };
  if (status === 500) return JSON.stringify({ ...base, message: `Internal Server Error: ${path}`, exc_info: "Traceback (most recent call last):\n  File \"/app/grio/api/views.py\", line 212, in post\n    raise DatabaseError(\"could not serialize access due to concurrent update\")\ndjango.db.utils.OperationalError: could not serialize access due to concurrent update" });
  return JSON.stringify(base);
};

const aiInference: Gen = ({ t, h }) => {
  const prompt = 200 + (h % 1800);
  const completion = 40 + ((h >>> 11) % 500);
  return JSON.stringify({ time: iso(t), level: "info", logger: "grio.ai.server", message: "completion finished", model: "llama-3.1-8b-instruct", prompt_tokens: prompt, completion_tokens: completion, duration_ms: Math.round(completion * 21.5 + prompt * 0.4) });
};

const web: Gen = ({ t, h }) => {
  const path = pick(["/", "/lessons", "/lessons/4812", "/progress", "/tutor"], h);
  return JSON.stringify({ time: iso(t), level: "info", msg: `GET ${path} 200`, method: "GET", path, status: 200, duration_ms: 8 + (h % 90) });
};

const qdrant: Gen = ({ t, h }) => {
  const ip = `10.42.${h % 4}.${10 + (h % 50)}`;
  const [m, p] = pick([["POST", "/collections/curriculum/points/query"], ["POST", "/collections/curriculum/points/search"], ["GET", "/healthz"], ["PUT", "/collections/curriculum/points?wait=true"]], h);
  return `${iso(t).replace("Z", `${String(h % 1000).padStart(3, "0")}Z`)}  INFO actix_web::middleware::logger: ${ip} "${m} ${p} HTTP/1.1" 200 ${200 + (h % 6000)} "-" "python-httpx/0.27.2" 0.00${1000 + (h % 8999)}`;
};

const postgres: Gen = ({ t, k }) => {
  const d = new Date(t).toISOString().replace("T", " ").replace("Z", " UTC");
  return k % 2 === 0 ? `${d} [63] LOG:  checkpoint starting: time` : `${d} [63] LOG:  checkpoint complete: wrote ${120 + (k % 900)} buffers (0.7%); 0 WAL file(s) added, 0 removed, 1 recycled; write=26.911 s, sync=0.004 s, total=26.935 s`;
};

const redis: Gen = ({ t, k }) => {
  const d = new Date(t);
  const stamp = `${String(d.getUTCDate()).padStart(2, "0")} ${d.toUTCString().slice(8, 11)} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 23)}`;
  return k % 3 === 0 ? `1:M ${stamp} * 100 changes in 300 seconds. Saving...` : k % 3 === 1 ? `1:M ${stamp} * Background saving started by pid ${4000 + (k % 5000)}` : `1:M ${stamp} * Background saving terminated with success`;
};

const generic: Gen = ({ t, pod }) => JSON.stringify({ time: iso(t), level: "info", msg: `${pod.app} heartbeat`, component: pod.app });

/** (interval ms, generator) per app */
function generatorFor(pod: SimPodView): [number, Gen] {
  switch (pod.app) {
    case "django-api":
      return [1_500, django];
    case "ai-inference":
      return [4_000, aiInference];
    case "nextjs-web":
      return [3_000, web];
    case "qdrant":
      return [2_000, qdrant];
    case "postgres":
      return [150_000, postgres];
    case "redis":
      return [100_000, redis];
    default:
      return [60_000, generic];
  }
}

function ns(t: number, h: number): bigint {
  return BigInt(Math.floor(t)) * 1_000_000n + BigInt(h % 1_000_000);
}

/** The crash-looping container: start-up lines, then its traceback, around each restart. */
function crashLines(pod: SimPodView, c: SimContainerView): Entry[] {
  const out: Entry[] = [];
  for (const crashAt of c.recentRestarts) {
    const start = crashAt - 7_800;
    const h = hash32(`${pod.name}/${crashAt}`);
    const lines: Array<[number, string]> = [
      [start, JSON.stringify({ time: iso(start), level: "info", logger: "uvicorn.error", message: "Started server process [1]" })],
      [start + 40, JSON.stringify({ time: iso(start + 40), level: "info", logger: "grio.ai.server", message: "Loading model llama-3.1-8b-instruct from /models/llama-3.1-8b-instruct-q4_k_m.gguf" })],
      [crashAt - 120, JSON.stringify({ time: iso(crashAt - 120), level: "error", logger: "grio.ai.server", message: "Model load failed; exiting", exit_code: 1 })],
      [crashAt - 100, "Traceback (most recent call last):"],
      [crashAt - 99, '  File "/app/grio_ai/server.py", line 88, in <module>'],
      [crashAt - 98, "    engine = load_engine(settings.model_path, n_ctx=settings.context_window)"],
      [crashAt - 97, '  File "/app/grio_ai/engine.py", line 41, in load_engine'],
      [crashAt - 96, "    return Llama(model_path=path, n_ctx=n_ctx, n_threads=os.cpu_count())"],
      [crashAt - 95, '  File "/usr/local/lib/python3.11/site-packages/llama_cpp/llama.py", line 962, in __init__'],
      [crashAt - 94, "    self._ctx = _LlamaContext(model=self._model, params=self.context_params)"],
      [crashAt - 93, `MemoryError: failed to allocate ${(4.6 + (h % 7) / 10).toFixed(1)} GiB for the KV cache (n_ctx=32768); container memory limit is 4Gi`],
    ];
    lines.forEach(([t, line], i) => out.push({ ns: ns(t, h + i), line }));
  }
  return out.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0));
}

/** A Job's pod: a short, finished run (pg_dump and upload, a snapshot, a restore check). */
function jobLines(pod: SimPodView): Entry[] {
  const t0 = pod.createdAt + 1_500;
  const h = hash32(pod.name);
  const at = (ms: number, line: string, i: number) => ({ ns: ns(t0 + ms, h + i), line });
  const log = (level: string, message: string, extra: Record<string, unknown> = {}) => (t: number) => JSON.stringify({ time: iso(t0 + t), level, logger: `grio.jobs.${pod.workload}`, message, ...extra });
  const failed = pod.phase === "Failed";
  const steps: Array<[number, (t: number) => string]> = [];
  if (pod.workload === "backup-postgres") {
    const stamp = new Date(pod.createdAt).toISOString().replace(/[-:]/g, "").slice(0, 15).replace("T", "-");
    steps.push([0, log("info", "starting pg_dump of grio", { host: "postgres.grio.svc.cluster.local", database: "grio" })]);
    if (failed) steps.push([2_400, log("error", 'pg_dump: error: connection to server at "postgres.grio.svc.cluster.local" (10.43.12.7), port 5432 failed: server closed the connection unexpectedly', { exit_code: 1 })]);
    else steps.push([96_000, log("info", "pg_dump finished", { tables: 142 })], [98_500, log("info", `uploaded s3://backups/postgres/full-${stamp}.sql.gz`, { bucket: "backups" })]);
  } else if (pod.workload === "qdrant-snapshot") {
    steps.push([0, log("info", "creating snapshot of collection curriculum")], [5_200, log(failed ? "error" : "info", failed ? "snapshot upload failed" : "uploaded snapshot to s3://backups/qdrant/")]);
  } else if (pod.workload === "restore-test") {
    steps.push([0, log("info", "restoring the newest dump into grio_restore_test")], [61_000, log(failed ? "error" : "info", failed ? "restore test failed" : "restore verified: 142 tables, row counts match within 0.1 %")]);
  } else {
    steps.push([0, log("info", "job started")], [3_000, log(failed ? "error" : "info", failed ? "job failed" : "job finished")]);
  }
  return steps.map(([ms, line], i) => at(ms, line(ms), i));
}

export function streamsOf(view: EstateView): Stream[] {
  const out: Stream[] = [];
  const now = view.now();
  for (const pod of view.pods()) {
    if (!pod.nodeName || pod.phase === "Pending") continue;
    for (const c of pod.containers) {
      const labels = { cluster: pod.cluster, namespace: pod.namespace, pod: pod.name, container: c.name, app: pod.app, node_name: pod.nodeName, job: `${pod.namespace}/${pod.app}` };
      const crashing = c.recentRestarts.length > 0 || c.waitingReason === "CrashLoopBackOff";
      const isJob = pod.workloadKind === "Job" || pod.workloadKind === "CronJob";
      if (crashing || isJob) {
        const all = isJob ? jobLines(pod) : crashLines(pod, c);
        out.push({
          labels,
          *entries(fromMs, toMs, backward) {
            const lo = BigInt(Math.floor(fromMs)) * 1_000_000n;
            const hi = BigInt(Math.floor(Math.min(toMs, now))) * 1_000_000n;
            const sel = all.filter((e) => e.ns >= lo && e.ns < hi);
            yield* backward ? sel.reverse() : sel;
          },
        });
        continue;
      }
      if (c.waitingReason) continue;
      const [interval, gen] = generatorFor(pod);
      const seed = hash32(`${pod.cluster}/${pod.name}/${c.name}`);
      out.push({
        labels,
        *entries(fromMs, toMs, backward) {
          const from = Math.max(fromMs, pod.createdAt);
          const to = Math.min(toMs, now);
          if (to <= from) return;
          const k0 = Math.floor(from / interval);
          const k1 = Math.floor(to / interval);
          for (let i = 0; i <= k1 - k0; i++) {
            const k = backward ? k1 - i : k0 + i;
            const h = hash32(`${seed}/${k}`);
            const t = k * interval + (h % interval);
            if (t < from || t >= to) continue;
            yield { ns: ns(t, h), line: gen({ pod, c, k, t, h }) };
          }
        },
      });
    }
  }
  return out;
}
