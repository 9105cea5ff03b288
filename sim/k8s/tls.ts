/** A self-signed certificate for 127.0.0.1, made with the `openssl` CLI once per process. */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export interface TlsMaterial {
  key: string;
  cert: string;
}

let cached: Promise<TlsMaterial> | undefined;

export function selfSignedCert(): Promise<TlsMaterial> {
  cached ??= make().catch((e: unknown) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

async function make(): Promise<TlsMaterial> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "grio-sim-tls-"));
  try {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    await promisify(execFile)("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "365",
      "-subj", "/O=k3s/CN=k3s-server-ca@sim", "-keyout", key, "-out", cert,
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default",
      "-addext", "basicConstraints=critical,CA:TRUE",
      "-addext", "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign",
      "-addext", "extendedKeyUsage=serverAuth",
    ]);
    return { key: await readFile(key, "utf8"), cert: await readFile(cert, "utf8") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
