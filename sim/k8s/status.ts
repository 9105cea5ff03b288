/** metav1.Status objects shaped exactly as the apiserver's pkg/api/errors builds them. */
import type { ResourceDef } from "./resources";
import { qualified } from "./resources";

export interface StatusBody {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; causes?: Array<{ reason: string; message: string; field: string }> };
  code: number;
}

export class ApiError extends Error {
  constructor(readonly body: StatusBody) {
    super(body.message);
  }
  get code(): number {
    return this.body.code;
  }
}

function failure(code: number, reason: string, message: string, details?: StatusBody["details"]): ApiError {
  return new ApiError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, ...(details ? { details } : {}), code });
}

function detailsFor(r: ResourceDef, name?: string): StatusBody["details"] {
  return { ...(name !== undefined ? { name } : {}), ...(r.group ? { group: r.group } : {}), kind: r.plural };
}

export const statusErrors = {
  unauthorized: () => failure(401, "Unauthorized", "Unauthorized"),
  notFound: (r: ResourceDef, name: string) => failure(404, "NotFound", `${qualified(r)} "${name}" not found`, detailsFor(r, name)),
  pathNotFound: () => failure(404, "NotFound", "the server could not find the requested resource"),
  alreadyExists: (r: ResourceDef, name: string) => failure(409, "AlreadyExists", `${qualified(r)} "${name}" already exists`, detailsFor(r, name)),
  conflict: (r: ResourceDef, name: string) =>
    failure(409, "Conflict", `Operation cannot be fulfilled on ${qualified(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, detailsFor(r, name)),
  invalid: (r: ResourceDef, name: string, causes: Array<{ field: string; message: string; reason?: string }>) =>
    failure(
      422,
      "Invalid",
      `${r.group ? `${r.kind}.${r.group}` : r.kind} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(", ")}`,
      { name, ...(r.group ? { group: r.group } : {}), kind: r.kind, causes: causes.map((c) => ({ reason: c.reason ?? "FieldValueInvalid", message: c.message, field: c.field })) },
    ),
  badRequest: (message: string) => failure(400, "BadRequest", message),
  unsupportedMedia: (type: string) => failure(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json; got ${type}`),
  methodNotAllowed: () => failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"),
  expired: (requested: number, current: number) => failure(410, "Expired", `too old resource version: ${requested} (${current})`),
  internal: (message: string) => failure(500, "InternalError", `Internal error occurred: ${message}`),
  unavailable: (message: string) => failure(503, "ServiceUnavailable", message),
  forbidden: (user: string, verb: string, r: { plural: string; group: string; sub?: string }, namespace: string | undefined, name?: string) => {
    const res = r.sub ? `${r.plural}/${r.sub}` : r.plural;
    const q = r.group ? `${r.plural}.${r.group}` : r.plural;
    const subject = name ? `${q} "${name}"` : q;
    const scope = namespace ? `in the namespace "${namespace}"` : "at the cluster scope";
    return failure(403, "Forbidden", `${subject} is forbidden: User "${user}" cannot ${verb} resource "${res}" in API group "${r.group}" ${scope}`, {
      ...(name ? { name } : {}),
      ...(r.group ? { group: r.group } : {}),
      kind: r.plural,
    });
  },
};

export function successStatus(r: ResourceDef, name: string, uid: string | undefined): object {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details: { name, ...(r.group ? { group: r.group } : {}), kind: r.plural, ...(uid ? { uid } : {}) } };
}
