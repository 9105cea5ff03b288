export * from "./auth";
export * from "./audit";
export * from "./edge";
export * from "./observability";
