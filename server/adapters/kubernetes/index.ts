export { getClusterRegistry, startClusterWatches, type ClusterHandle, type ClusterRegistry } from "./registry";
export { getRawObject, RAW_KINDS, type RawKind } from "./raw";
