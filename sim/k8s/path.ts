/** Parses an apiserver URL path into group/version/resource/namespace/name/subresource. */
import { findResource, type ResourceDef } from "./resources";

export type ParsedPath =
  | { type: "nonresource"; path: string }
  | { type: "discovery"; group?: string; version?: string; legacy: boolean }
  | { type: "resource"; def: ResourceDef; namespace?: string; name?: string; sub?: string }
  | { type: "unknown" };

export function parsePath(pathname: string): ParsedPath {
  const parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { type: "nonresource", path: "/" };
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === "api") {
    if (parts.length === 1) return { type: "discovery", legacy: true };
    group = "";
    version = parts[1]!;
    rest = parts.slice(2);
    if (rest.length === 0) return { type: "discovery", group, version, legacy: true };
  } else if (parts[0] === "apis") {
    if (parts.length === 1) return { type: "discovery", legacy: false };
    if (parts.length === 2) return { type: "discovery", group: parts[1], legacy: false };
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
    if (rest.length === 0) return { type: "discovery", group, version, legacy: false };
  } else return { type: "nonresource", path: pathname };
  let namespace: string | undefined;
  if (rest[0] === "namespaces" && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const def = findResource(group, version, rest[0]!);
  if (!def) return { type: "unknown" };
  if (!def.namespaced && namespace) return { type: "unknown" };
  return { type: "resource", def, namespace, name: rest[1], sub: rest[2] };
}
