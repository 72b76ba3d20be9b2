/**
 * A real, private ejabberd for tests, run by the local runtime (the platform's own way): in a throw-away folder, on
 * free ports, with self-signed certificates. As root it runs as the `ejabberd` system user.
 */
import { randomBytes, X509Certificate } from "node:crypto";
import { LocalRuntime } from "@xmpp-host/runtime";
import { freePorts, selfSignedCertificate, tempDir } from "@xmpp-host/runtime/testing";
import { type InstanceSpec, instanceHosts } from "../../src/servers/spec.ts";

export const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256.replaceAll(":", "").toLowerCase();

export type EjabberdInstance = Awaited<ReturnType<typeof startEjabberd>>;

export async function startEjabberd(opts: { domains: string[]; id?: string }) {
  const tmp = tempDir("xh-ej-");
  const runtime = new LocalRuntime({ dataRoot: tmp.dir });
  const kind = runtime.servers.ejabberd;
  const [c2s, s2s, http] = await freePorts(3);
  if (!c2s || !s2s || !http) throw new Error("no free ports");
  const spec: InstanceSpec = {
    id: opts.id ?? `t${randomBytes(3).toString("hex")}`,
    server: "ejabberd",
    ports: { c2s, s2s, http },
    bindAddress: "127.0.0.1",
    domains: opts.domains.map((name) => ({ name, registration: "invite" as const })),
    adminPassword: randomBytes(18).toString("base64url"),
  };
  const layout = runtime.layout(spec.id);
  const certs = new Map<string, string>();

  async function writeCertificate(host: string): Promise<string> {
    const { certPem, keyPem } = selfSignedCertificate([host, `*.${host}`]);
    await runtime.writeCertificate(spec.id, host, certPem, keyPem);
    certs.set(host, certPem);
    return fingerprint(certPem);
  }

  let pid: number | null = null;
  async function start(): Promise<{ pid: number; readyMs: number }> {
    const t0 = performance.now();
    const status = await runtime.start(spec);
    if (status.pid === null) throw new Error("ejabberd started without a PID");
    pid = status.pid;
    return { pid, readyMs: performance.now() - t0 };
  }

  await runtime.writeConfig(spec);
  for (const host of ["localhost", ...opts.domains]) await writeCertificate(host);
  const started = await start();

  return {
    runtime,
    kind,
    spec,
    layout,
    files: kind.files(layout),
    certs,
    channel: runtime.adminChannel(spec),
    readyMs: started.readyMs,
    get pid() {
      return pid;
    },
    start,
    async stop() {
      await runtime.stop(spec.id);
      pid = null;
    },
    writeConfig: () => runtime.writeConfig(spec),
    writeCertificate,
    /** Adds a domain to the configuration (reloading nothing); returns every host the configuration defines. */
    async defineDomain(name: string): Promise<string[]> {
      await writeCertificate(name);
      spec.domains.push({ name, registration: "closed" });
      await runtime.writeConfig(spec);
      return instanceHosts(spec);
    },
    async teardown(): Promise<void> {
      await runtime.destroy(spec.id);
      tmp.remove();
    },
  };
}
