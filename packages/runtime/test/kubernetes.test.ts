import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { createDriver, prosodyStoreName, type XmppServerDriver } from "@xmpp-host/xmpp";
import { xmppSession } from "@xmpp-host/xmpp/client";
import { StatefulSet } from "kubernetes-models/apps/v1";
import { ConfigMap, PersistentVolumeClaim, Pod, Secret, Service } from "kubernetes-models/v1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InstanceSpec, KubernetesRuntime, kubernetesObjects } from "../src/index.ts";
import { KubernetesApiStandIn } from "./support/kubernetes-api.ts";
import { freePorts, selfSignedCertificate, tempDir } from "./support/testing.ts";

const NS = "xmpp";
const IMAGE = "xmpp-host/prosody:test";

/** Validates a stored object against the Kubernetes schema of its kind; throws naming what is wrong. */
function validate(obj: { kind: string; metadata: { name: string } }): void {
  const models: Record<string, new (o: never) => { validate(): void }> = {
    StatefulSet,
    ConfigMap,
    Secret,
    Service,
    Pod,
    PersistentVolumeClaim,
  };
  const Model = models[obj.kind];
  if (!Model) throw new Error(`no schema for ${obj.kind}`);
  // Fields the API server sets (status, resourceVersion) are part of the schema as well.
  new Model(obj as never).validate();
}

describe("KubernetesRuntime", () => {
  const tmp = tempDir("xh-k8s-");
  const api = new KubernetesApiStandIn({ root: `${tmp.dir}/cluster`, images: { [IMAGE]: { user: 10001 } } });
  let runtime: KubernetesRuntime;
  let spec: InstanceSpec;
  let driver: XmppServerDriver;
  const certs = new Map<string, string>();

  const writeCert = async (host: string) => {
    const { certPem, keyPem } = selfSignedCertificate([host, `*.${host}`]);
    certs.set(host, certPem);
    await runtime.writeCertificate(spec.id, host, certPem, keyPem);
  };

  beforeAll(async () => {
    await api.start();
    runtime = new KubernetesRuntime({
      kubeConfig: api.kubeConfig(),
      namespace: NS,
      images: { prosody: IMAGE, ejabberd: "xmpp-host/ejabberd:test" },
      socketDir: `${tmp.dir}/sockets`,
      serviceType: "LoadBalancer",
      storageClass: "standard",
      volumeSize: "2Gi",
      syncTimeoutMs: 20_000,
      // The stand-in's pods share this machine's network: there is no cluster DNS for the Services' names.
      serviceAddress: () => "127.0.0.1",
      startTimeoutMs: 20_000,
    });
    const [c2s, s2s, http] = await freePorts(3);
    if (!c2s || !s2s || !http) throw new Error("no free ports");
    spec = {
      id: "family-server",
      server: "prosody",
      ports: { c2s, s2s, http },
      bindAddress: "127.0.0.1",
      domains: [{ name: "family.test", registration: "closed" }],
    };
    await writeCert("family.test");
    await runtime.start(spec);
    driver = createDriver("prosody", runtime.adminChannel(spec), { timeoutMs: 10_000 });
  }, 60_000);

  afterAll(async () => {
    await driver?.close();
    await runtime?.destroy(spec.id).catch(() => {});
    await api.close();
    tmp.remove();
  }, 60_000);

  it("creates a StatefulSet of one replica with its data claim, a ConfigMap, a Secret and a Service, all valid", () => {
    const name = kubernetesObjects.objectName(spec.id);
    const [set] = api.list("StatefulSet", NS);
    expect(set?.metadata.name).toBe(name);
    expect(set?.spec).toMatchObject({ replicas: 1 });
    expect(api.list("ConfigMap", NS).map((o) => o.metadata.name)).toEqual([name]);
    expect(api.list("Secret", NS).map((o) => o.metadata.name)).toEqual([`${name}-certs`]);
    const [svc] = api.list("Service", NS);
    expect(svc?.spec).toMatchObject({ type: "LoadBalancer" });
    expect(((svc?.spec ?? {}) as { ports?: { port: number }[] }).ports?.map((p) => p.port)).toEqual([
      spec.ports.c2s,
      spec.ports.s2s,
      spec.ports.http,
    ]);
    const [claim] = api.list("PersistentVolumeClaim", NS);
    expect(claim?.metadata.name).toBe(kubernetesObjects.dataClaimName(spec.id));
    expect(claim?.spec).toMatchObject({ storageClassName: "standard", resources: { requests: { storage: "2Gi" } } });
    const all = ["StatefulSet", "ConfigMap", "Secret", "Service", "Pod", "PersistentVolumeClaim"].flatMap((k) =>
      api.list(k, NS),
    );
    expect(all).toHaveLength(6);
    for (const obj of all) expect(() => validate(obj), `${obj.kind} ${obj.metadata.name}`).not.toThrow();
  });

  it("keeps the platform's ports as node ports where they fit the node port range", () => {
    const base = { ...spec, ports: { c2s: 30222, s2s: 30269, http: 25280 } };
    const opts = { namespace: NS, image: IMAGE, volumeSize: "1Gi", runAsUser: 10001 };
    const nodePorts = kubernetesObjects.service(base, { ...opts, serviceType: "NodePort" }).spec as {
      ports: { port: number; nodePort?: number }[];
    };
    expect(nodePorts.ports.map((p) => [p.port, p.nodePort])).toEqual([
      [30222, 30222],
      [30269, 30269],
      [25280, undefined],
    ]);
    const balanced = kubernetesObjects.service(base, { ...opts, serviceType: "LoadBalancer" }).spec as {
      ports: { nodePort?: number }[];
    };
    expect(balanced.ports.every((p) => p.nodePort === undefined)).toBe(true);
    expect(() =>
      validate(kubernetesObjects.service(base, { ...opts, serviceType: "NodePort" }) as never),
    ).not.toThrow();
  });

  it("refuses objects that break the schema (the validation can fail)", () => {
    const [set] = api.list("StatefulSet", NS);
    const broken = structuredClone(set) as unknown as { spec: { replicas: unknown } };
    broken.spec.replicas = "one";
    expect(() => validate(broken as never)).toThrow();
  });

  it("runs the server as the image's unprivileged user, never root", () => {
    const [set] = api.list("StatefulSet", NS);
    expect(set?.spec).toMatchObject({
      template: { spec: { securityContext: { runAsNonRoot: true, runAsUser: 10001 } } },
    });
  });

  it("applies an added domain live: the pod is not restarted and the server serves the new domain", async () => {
    const before = api.container(NS, kubernetesObjects.podName(spec.id));
    const podUid = api.list("Pod", NS)[0]?.metadata.uid;
    expect(before?.pid).toBeGreaterThan(0);

    const next: InstanceSpec = {
      ...spec,
      domains: [...spec.domains, { name: "club.test", registration: "closed" }],
    };
    await writeCert("club.test");
    expect(await runtime.writeConfig(next)).toBe(true);
    await driver.reload();
    const applied = await driver.applyHosts([
      "family.test",
      "groups.family.test",
      "share.family.test",
      "club.test",
      "groups.club.test",
      "share.club.test",
    ]);
    expect(applied.activated).toContain("club.test");
    expect((await driver.serverInfo()).hosts).toEqual(expect.arrayContaining(["family.test", "club.test"]));

    // A member of the new domain logs in on it, over TLS with the certificate written for it.
    expect(await driver.createAccount("ann@club.test", "ann-password-123")).toBe("created");
    const session = await xmppSession({
      host: "127.0.0.1",
      port: spec.ports.c2s,
      domain: "club.test",
      ca: certs.get("club.test") as string,
      username: "ann",
      password: "ann-password-123",
    });
    session.stream.drop();

    const after = api.container(NS, kubernetesObjects.podName(spec.id));
    expect(after).toEqual(before);
    expect(api.list("Pod", NS)[0]?.metadata.uid).toBe(podUid);
    const set = api.list("StatefulSet", NS)[0];
    expect(set?.metadata.generation).toBe(1);
    spec = next;
  }, 60_000);

  it("leaves the pod template alone when only the configuration changes", async () => {
    const set = api.list("StatefulSet", NS)[0];
    const template = JSON.stringify(set?.spec);
    await runtime.start(spec);
    expect(JSON.stringify(api.list("StatefulSet", NS)[0]?.spec)).toBe(template);
  }, 30_000);

  it("keeps the data across a stop and a start (its volume claim stays)", async () => {
    await runtime.stop(spec.id);
    expect(await runtime.status(spec.id)).toEqual({ running: false, pid: null });
    expect(api.list("Pod", NS)).toHaveLength(0);
    await runtime.start(spec);
    await driver.close();
    driver = createDriver("prosody", runtime.adminChannel(spec), { timeoutMs: 10_000 });
    expect(await driver.listAccounts("club.test")).toContain("ann");
  }, 60_000);

  it("copies the data out of the pod with the server paused, and puts it back into the stopped server's volume", async () => {
    const out = path.join(tmp.dir, "copy");
    const copied = await runtime.copyDataOut(spec.id, { dest: out, pause: true });
    expect(copied.pausedMs).toBeGreaterThan(0);
    expect(existsSync(path.join(out, prosodyStoreName("club.test"), "accounts", "ann.dat"))).toBe(true);
    const only = path.join(tmp.dir, "only");
    await runtime.copyDataOut(spec.id, { dest: only, pause: false, only: [prosodyStoreName("club.test"), "absent"] });
    expect(readdirSync(only)).toEqual([prosodyStoreName("club.test")]);

    expect(await driver.createAccount("zed@club.test", "zed-password-123")).toBe("created");
    await expect(runtime.replaceData(spec.id, out)).rejects.toThrow(/stop the server/);
    await runtime.stop(spec.id);
    await runtime.replaceData(spec.id, out);
    expect(api.list("Pod", NS)).toEqual([]);
    await runtime.start(spec);
    await driver.close();
    driver = createDriver("prosody", runtime.adminChannel(spec), { timeoutMs: 10_000 });
    const accounts = await driver.listAccounts("club.test");
    expect(accounts).toContain("ann");
    expect(accounts).not.toContain("zed");
  }, 60_000);

  it("is restarted by Kubernetes when the server dies (no supervisor of ours)", async () => {
    const pod = kubernetesObjects.podName(spec.id);
    const before = api.container(NS, pod);
    process.kill(before?.pid as number, "SIGKILL");
    const deadline = Date.now() + 20_000;
    while ((api.container(NS, pod)?.restarts ?? 0) < 1 || !(await runtime.status(spec.id)).running) {
      if (Date.now() > deadline) throw new Error("the pod's server was not restarted");
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(api.container(NS, pod)?.pid).not.toBe(before?.pid);
  }, 30_000);

  it("destroys every object, the data claim included", async () => {
    await driver.close();
    await runtime.destroy(spec.id);
    for (const kind of ["StatefulSet", "ConfigMap", "Secret", "Service", "Pod", "PersistentVolumeClaim"]) {
      expect(api.list(kind, NS), kind).toEqual([]);
    }
  }, 60_000);
});
