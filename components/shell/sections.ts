export type Section = {
  href: string;
  label: string;
  /** the least role that sees this section in the navigation */
  role: "viewer" | "operator" | "admin";
};

/** The console's sections, in navigation order. */
export const SECTIONS: Section[] = [
  { href: "/overview", label: "Overview", role: "viewer" },
  { href: "/nodes", label: "Nodes", role: "viewer" },
  { href: "/workloads", label: "Workloads", role: "viewer" },
  { href: "/pods", label: "Pods", role: "viewer" },
  { href: "/volumes", label: "Volumes", role: "viewer" },
  { href: "/backups", label: "Backups", role: "viewer" },
  { href: "/edge", label: "Edge", role: "viewer" },
  { href: "/metrics", label: "Metrics", role: "viewer" },
  { href: "/alerts", label: "Alerts", role: "viewer" },
  { href: "/service-checks", label: "Service checks", role: "viewer" },
  { href: "/logs", label: "Logs", role: "operator" },
  { href: "/audit", label: "Audit", role: "viewer" },
  { href: "/admin", label: "Admin", role: "admin" },
];
