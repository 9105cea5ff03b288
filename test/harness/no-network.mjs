// Preload (NODE_OPTIONS="--import file:///…/no-network.mjs"): refuses and records every outbound
// connection or DNS lookup that is not loopback, to prove a server needs no network (start-up,
// sign-in, pages). Records go to the file named by GRIO_NETWORK_LOG, one line each.
import dns from "node:dns";
import fs from "node:fs";
import net from "node:net";
import process from "node:process";

const logFile = process.env.GRIO_NETWORK_LOG;
const isLoopback = (host) => ["::1", "localhost", "0.0.0.0", "::", ""].includes(String(host)) || String(host).startsWith("127.");
// proof that the preload is active in the process under test
if (logFile) fs.writeFileSync(`${logFile}.loaded`, `${process.pid}\n`);
const record = (what) => {
  if (logFile) fs.appendFileSync(logFile, `${what}\n`);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = args[0];
  const opts = Array.isArray(first) ? first[0] : first;
  const isObject = typeof opts === "object" && opts !== null;
  if (isObject && opts.path) return connect.apply(this, args); // unix socket
  const host = isObject ? (opts.host ?? "localhost") : typeof args[1] === "string" ? args[1] : "localhost";
  if (!isLoopback(host)) {
    record(`connect ${host}:${isObject ? opts.port : first}`);
    process.nextTick(() => this.destroy(new Error(`no network here: ${host}`)));
    return this;
  }
  return connect.apply(this, args);
};

for (const name of ["lookup", "resolve", "resolve4", "resolve6"]) {
  const original = dns[name];
  dns[name] = function (hostname, ...rest) {
    if (!isLoopback(hostname)) record(`dns ${name} ${hostname}`);
    return original.call(this, hostname, ...rest);
  };
}
