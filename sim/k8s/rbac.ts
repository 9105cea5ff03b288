/** Bearer tokens → users → RBAC rules, including rules loaded from a ClusterRole YAML. */
import { parseAllDocuments } from "yaml";

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface TokenUser {
  user: string;
  groups: string[];
  /** undefined = cluster-admin */
  rules?: PolicyRule[];
}

export interface AccessRequest {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export function allows(rules: PolicyRule[] | undefined, r: AccessRequest): boolean {
  if (!rules) return true;
  const res = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
  return rules.some((rule) => {
    if (!rule.verbs.includes("*") && !rule.verbs.includes(r.verb)) return false;
    const groups = rule.apiGroups ?? [];
    if (!groups.includes("*") && !groups.includes(r.group)) return false;
    const resources = rule.resources ?? [];
    if (!resources.includes("*") && !resources.includes(res) && !(r.subresource && resources.includes(`*/${r.subresource}`))) return false;
    if (rule.resourceNames?.length) {
      if (!r.name || !rule.resourceNames.includes(r.name)) return false;
    }
    return true;
  });
}

/** The rules of every ClusterRole/Role in a YAML stream (multi-document manifests are fine). */
export function rulesFromYaml(text: string, roleName?: string): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const doc of parseAllDocuments(text)) {
    const obj = doc.toJS() as { kind?: string; metadata?: { name?: string }; rules?: PolicyRule[] } | null;
    if (!obj || (obj.kind !== "ClusterRole" && obj.kind !== "Role")) continue;
    if (roleName && obj.metadata?.name !== roleName) continue;
    out.push(...(obj.rules ?? []));
  }
  if (out.length === 0) throw new Error(`no ClusterRole${roleName ? ` named ${roleName}` : ""} with rules in the YAML`);
  return out;
}

export class TokenRegistry {
  private readonly tokens = new Map<string, TokenUser>();

  add(token: string, user: TokenUser): void {
    this.tokens.set(token, user);
  }

  remove(token: string): void {
    this.tokens.delete(token);
  }

  lookup(authorization: string | undefined): TokenUser | undefined {
    const m = /^Bearer\s+(.+)$/i.exec(authorization ?? "");
    return m ? this.tokens.get(m[1]!.trim()) : undefined;
  }
}
