/** pods/{name}/log: container output, consistent with what the pod is doing (a crash loop prints its trace). */
import type { ServerResponse } from "node:http";
import type { ClusterModel } from "../model/cluster";
import type { K8sObject } from "../model/store";

const PATHS = ["/api/v1/lessons/", "/api/v1/progress/", "/api/v1/quizzes/submit/", "/api/v1/curriculum/sync/", "/health", "/api/v1/auth/token/"];

function line(c: ClusterModel, pod: K8sObject, container: string, t: number, i: number): string {
  const app = pod.metadata.labels?.app ?? container;
  const ts = new Date(t).toISOString();
  const r = ((i * 2654435761) >>> 0) / 2 ** 32;
  if (app === "django-api") {
    const status = r < 0.02 ? 500 : r < 0.06 ? 404 : 200;
    return JSON.stringify({ time: ts, level: status >= 500 ? "error" : "info", logger: "django.request", method: r < 0.7 ? "GET" : "POST", path: PATHS[i % PATHS.length], status, duration_ms: Math.round(20 + r * 180) });
  }
  if (app === "nextjs-web") return JSON.stringify({ time: ts, level: "info", msg: "GET /learn", status: 200, duration_ms: Math.round(5 + r * 60) });
  if (app === "ai-inference") return JSON.stringify({ time: ts, level: "info", msg: "completion", model: "grio-tutor-7b-q4", prompt_tokens: Math.round(200 + r * 400), completion_tokens: Math.round(50 + r * 300) });
  void c;
  if (app === "redis") return `1:M ${new Date(t).toUTCString().slice(5, 25)}.${String(t % 1000).padStart(3, "0")} * ${100 + (i % 50)} changes in 300 seconds. Saving...`;
  if (app === "postgres") return `${ts.replace("T", " ").replace("Z", " UTC")} [${60 + (i % 900)}] LOG:  checkpoint complete: wrote ${i % 300} buffers (${(r * 2).toFixed(1)}%); write=${(r * 30).toFixed(3)} s`;
  if (app === "qdrant") return `${ts}  INFO actix_web::middleware::logger: 10.42.0.${i % 250} "POST /collections/curriculum/points/search HTTP/1.1" 200 ${400 + (i % 900)} "-" "python-httpx/0.27.0" ${(r * 0.02).toFixed(6)}`;
  if (app === "minio") return `API: PutObject(bucket=student-work, object=submissions/${i % 9000}.json) time=${ts} status=200`;
  return JSON.stringify({ time: ts, level: "info", msg: `${container} ok` });
}

const CRASH = [
  '{"level":"info","msg":"loading model","path":"/models/grio-tutor-7b-q4"}',
  "Traceback (most recent call last):",
  '  File "/app/server.py", line 41, in <module>',
  "    model = load_model(settings.MODEL_PATH)",
  '  File "/app/grio_inference/loader.py", line 88, in load_model',
  "    weights = torch.load(path / \"model.safetensors\", map_location=device)",
  "RuntimeError: CUDA error: out of memory",
  '{"level":"error","msg":"inference server exited","exit_code":1}',
];

export function podLogs(c: ClusterModel, pod: K8sObject, container: string | undefined, q: URLSearchParams): string {
  const name = container ?? pod.spec.containers[0]?.name;
  const sim = c.podSim.get(pod.metadata.uid!);
  const cs = sim?.containers.get(name);
  const now = c.now();
  const stamps = q.get("timestamps") === "true";
  const tail = q.has("tailLines") ? Number(q.get("tailLines")) : undefined;
  let lines: Array<[number, string]> = [];
  if (cs?.behaviour === "job") {
    const job = sim?.job;
    const t0 = cs.lastTerminated?.startedAt ?? cs.since;
    lines = [[t0, JSON.stringify({ time: new Date(t0).toISOString(), level: "info", msg: `${job?.cronJob ?? job?.jobName ?? name} starting` })]];
    if (job?.result) {
      const t1 = cs.lastTerminated?.finishedAt ?? now;
      lines.push([t1, JSON.stringify({ time: new Date(t1).toISOString(), level: job.result.succeeded ? "info" : "error", msg: job.result.message ?? (job.result.succeeded ? "completed" : "failed") })]);
    }
  } else if (cs?.behaviour === "crash") {
    const started = q.get("previous") === "true" ? (cs.lastTerminated?.startedAt ?? now) : cs.since;
    lines = CRASH.map((l, i) => [started + i * 300, l]);
  } else if (cs?.behaviour === "pull" || cs?.state === "creating") {
    return "";
  } else {
    const from = Math.max(cs?.since ?? now - 3_600_000, now - 3_600_000);
    const sinceSeconds = q.has("sinceSeconds") ? Number(q.get("sinceSeconds")) : undefined;
    const start = sinceSeconds ? Math.max(from, now - sinceSeconds * 1000) : from;
    const step = 4000;
    const n = Math.min(2000, Math.floor((now - start) / step));
    for (let i = n; i > 0; i--) {
      const t = now - i * step;
      lines.push([t, line(c, pod, name, t, Math.floor(t / step))]);
    }
  }
  if (tail !== undefined) lines = lines.slice(Math.max(0, lines.length - tail));
  let out = lines.map(([t, l]) => (stamps ? `${new Date(t).toISOString().replace("Z", "000000Z")} ${l}` : l)).join("\n");
  if (out) out += "\n";
  const limit = q.has("limitBytes") ? Number(q.get("limitBytes")) : undefined;
  return limit ? out.slice(0, limit) : out;
}

/** `follow=true`: after the history, a new line every few seconds while the container runs. */
export function followLogs(c: ClusterModel, pod: K8sObject, container: string | undefined, res: ServerResponse, timestamps: boolean): void {
  const name = container ?? pod.spec.containers[0]?.name;
  const timer = setInterval(() => {
    const cs = c.podSim.get(pod.metadata.uid!)?.containers.get(name);
    if (!cs || cs.state !== "running" || cs.behaviour !== "ok" || !c.store.get("pods", pod.metadata.namespace, pod.metadata.name)) {
      clearInterval(timer);
      res.end();
      return;
    }
    const t = c.now();
    const l = line(c, pod, name, t, Math.floor(t / 4000));
    res.write(`${timestamps ? `${new Date(t).toISOString().replace("Z", "000000Z")} ` : ""}${l}\n`);
  }, 4000);
  res.on("close", () => clearInterval(timer));
}
