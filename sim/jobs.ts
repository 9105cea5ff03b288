/**
 * JobHooks for the estate's CronJobs: what each Job's pod does to the data side.
 * - backup-postgres: writes a new dump of normal size to s3://backups/postgres/ (or fails: the
 *   `failNextBackup` verb, or S3 refusing the write);
 * - qdrant-snapshot: asks Qdrant for a snapshot of `curriculum` and uploads it to s3://backups/qdrant/;
 * - restore-test: restores the newest dump into a scratch database and checks it (succeeds).
 */
import type { ClusterName, JobHooks } from "./contract";
import type { QdrantServer } from "./qdrant";
import type { S3Servers } from "./s3";

export interface DataJobHooks extends JobHooks {
  /** the next backup-postgres run fails (pg_dump loses its connection) */
  failNextBackup(): void;
  /** what the jobs did, newest last (for tests and the demo log) */
  readonly history: Array<{ at: number; cluster: ClusterName; cronJob: string | undefined; job: string; succeeded: boolean; message: string }>;
}

export function createJobHooks(deps: { s3: S3Servers; qdrant?: QdrantServer; now?: () => number }): DataJobHooks {
  const now = deps.now ?? Date.now;
  let failBackups = 0;
  const history: DataJobHooks["history"] = [];

  const run = async (cronJob: string | undefined): Promise<{ succeeded: boolean; message: string }> => {
    const at = now();
    switch (cronJob) {
      case "backup-postgres": {
        if (failBackups > 0) {
          failBackups--;
          return { succeeded: false, message: 'pg_dump: error: connection to server at "postgres.grio.svc.cluster.local" (10.43.12.7), port 5432 failed: server closed the connection unexpectedly' };
        }
        const r = await deps.s3.writePostgresDump(at);
        return { succeeded: true, message: `uploaded s3://backups/${r.key} (${r.size} bytes)` };
      }
      case "qdrant-snapshot": {
        const snap = deps.qdrant?.createSnapshot("curriculum");
        const r = await deps.s3.writeQdrantSnapshot(at, snap);
        return { succeeded: true, message: `uploaded s3://backups/${r.key} (${r.size} bytes)` };
      }
      case "restore-test":
        return { succeeded: true, message: "restored the newest dump into grio_restore_test: 142 tables, row counts match the source within 0.1 %" };
      default:
        return { succeeded: true, message: "completed" };
    }
  };

  return {
    history,
    failNextBackup() {
      failBackups++;
    },
    async onJobRun(cluster, cronJob, job) {
      let out: { succeeded: boolean; message: string };
      try {
        out = await run(cronJob);
      } catch (e) {
        out = { succeeded: false, message: e instanceof Error ? e.message : String(e) };
      }
      history.push({ at: now(), cluster, cronJob, job, ...out });
      return out;
    },
  };
}
