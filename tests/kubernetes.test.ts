// The platform with INSTANCE_RUNTIME=kubernetes: a server made through the HTTP API becomes a StatefulSet, its
// accounts log in from an independent client, and a domain added later is served with no pod restart. The
// Kubernetes API is a local stand-in (packages/runtime/test/support/kubernetes-api.ts): none can run here.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { kubernetesObjects } from "@xmpp-host/runtime";
import { KubernetesApiStandIn } from "@xmpp-host/runtime/kubernetes-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, signupWithToken } from "./helpers/api.ts";
import { type Platform, startPlatform } from "./helpers/platform.ts";
import { internalCa, xmppClient } from "./helpers/xmpp.ts";

const NS = "xmpp-servers";
const IMAGE = "registry.example/xmpp-host/prosody:1";

let platform: Platform;
let api: KubernetesApiStandIn;

beforeAll(async () => {
  const dataRoot = mkdtempSync(path.join(tmpdir(), "xh-"));
  api = new KubernetesApiStandIn({ root: path.join(dataRoot, "cluster"), images: { [IMAGE]: { user: 10001 } } });
  await api.start();
  platform = await startPlatform({
    dataRoot,
    workerEnv: {
      INSTANCE_RUNTIME: "kubernetes",
      KUBECONFIG: api.writeKubeConfig(path.join(dataRoot, "kubeconfig")),
      KUBERNETES_NAMESPACE: NS,
      KUBERNETES_PROSODY_IMAGE: IMAGE,
      KUBERNETES_EJABBERD_IMAGE: "registry.example/xmpp-host/ejabberd:1",
      KUBERNETES_SERVICE_TYPE: "NodePort",
      // The stand-in's pods share this machine's network: there is no cluster DNS for the Services' names.
      KUBERNETES_SERVER_ADDRESS: "127.0.0.1",
    },
  });
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await api?.close();
}, 60_000);

describe("a family's server on Kubernetes, through the HTTP API only", () => {
  const domain = "k8s-family.example";
  let call: Call;
  let instance: { id: string; endpoints: { host: string; c2sPort: number } };
  let domainId: string;
  let caFile: string;
  let firstContainer: { pid: number | null; restarts: number } | null = null;

  const login = (jid: string, password: string) => {
    const { host, c2sPort } = instance.endpoints;
    return xmppClient(["login", jid, password, host, String(c2sPort), caFile]);
  };

  it("creates the server as a StatefulSet in the namespace, with a domain", async () => {
    const signedUp = await signupWithToken(platform.app, "kube");
    call = signedUp.call;
    const created = await call("POST", `/api/v1/tenants/${signedUp.tenantId}/instances?wait=60`, {
      name: "Family on Kubernetes",
      server: "prosody",
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.instance).toMatchObject({ status: "running", runtime: "kubernetes" });
    instance = created.json.instance;
    expect(platform.workerCtx.runtime.kind).toBe("kubernetes");
    // A server can only be made where the platform runs them: the field says which.
    const local = await call("POST", `/api/v1/tenants/${signedUp.tenantId}/instances`, {
      name: "Elsewhere",
      runtime: "local",
    });
    expect(local.status, local.text).toBe(400);
    expect(local.json.errors[0]).toMatchObject({ field: "runtime", code: "not_allowed" });
    expect(api.list("StatefulSet", NS).map((s) => s.metadata.name)).toEqual([
      kubernetesObjects.objectName(instance.id),
    ]);
    firstContainer = api.container(NS, kubernetesObjects.podName(instance.id));
    expect(firstContainer?.pid).toBeGreaterThan(0);

    const added = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=60`, {
      name: domain,
      registration: "invite",
    });
    expect(added.status, added.text).toBe(201);
    expect(added.json.domain.state).toBe("active");
    domainId = added.json.domain.id;
    caFile = (await internalCa(platform)).file;
  }, 90_000);

  it("gives an account made through the API a login that works from an independent client", async () => {
    const pod = kubernetesObjects.podName(instance.id);
    const res = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
      localpart: "alice",
      password: "amber-orchard-lamp",
    });
    expect(res.status, res.text).toBe(201);
    const ok = await login(`alice@${domain}`, "amber-orchard-lamp");
    expect(ok.code, JSON.stringify(ok.out)).toBe(0);
    const wrong = await login(`alice@${domain}`, "not-her-password");
    expect(wrong.code).not.toBe(0);
    // Adding the domain reached the running pod through its ConfigMap: the same container, never restarted.
    expect(api.container(NS, pod)).toEqual(firstContainer);
    expect(firstContainer?.restarts).toBe(0);
  }, 90_000);

  it("serves a second domain added while the server runs, with no pod restart", async () => {
    const pod = kubernetesObjects.podName(instance.id);
    const before = api.container(NS, pod);
    const added = await call("POST", `/api/v1/instances/${instance.id}/domains?wait=60`, {
      name: "k8s-club.example",
      registration: "invite",
    });
    expect(added.status, added.text).toBe(201);
    expect(added.json.domain.state).toBe("active");
    const res = await call("POST", `/api/v1/domains/${added.json.domain.id}/accounts?wait=30`, {
      localpart: "bob",
      password: "copper-meadow-kite",
    });
    expect(res.status, res.text).toBe(201);
    const ok = await login("bob@k8s-club.example", "copper-meadow-kite");
    expect(ok.code, JSON.stringify(ok.out)).toBe(0);
    expect(api.container(NS, pod)).toEqual(before);
    expect(api.list("Pod", NS)).toHaveLength(1);
  }, 90_000);

  it("backs the server up through its pod, verifies the backup, and restores it into the server", async () => {
    const pod = kubernetesObjects.podName(instance.id);
    const before = api.container(NS, pod);
    const res = await call("POST", `/api/v1/instances/${instance.id}/backups?wait=60`);
    expect(res.status, res.text).toBe(201);
    expect(res.json.backup).toMatchObject({ status: "succeeded" });
    expect(res.json.backup.sizeBytes).toBeGreaterThan(0);
    const backupId = res.json.backup.id;
    // Copied while the server was paused in its pod, for a moment; the pod itself was left alone.
    expect(api.container(NS, pod)).toEqual(before);
    const deadline = Date.now() + 60_000;
    let verified: { verification: string; verificationError?: string | null } | undefined;
    while (Date.now() < deadline) {
      const list = await call("GET", `/api/v1/instances/${instance.id}/backups`);
      verified = list.json.items.find((b: { id: string }) => b.id === backupId);
      if (verified && verified.verification !== "pending") break;
      await new Promise((r) => setTimeout(r, 300));
    }
    // Verified: alice's and bob's accounts were found in a server restored from the archive.
    expect(verified, JSON.stringify(verified)).toMatchObject({ verification: "verified", verificationError: null });
    // An account made after the backup is gone once the backup is restored into the server's own volume.
    const carol = await call("POST", `/api/v1/domains/${domainId}/accounts?wait=30`, {
      localpart: "carol",
      password: "silver-harbour-fern",
    });
    expect(carol.status, carol.text).toBe(201);
    expect((await login(`carol@${domain}`, "silver-harbour-fern")).code).toBe(0);
    const restore = await call("POST", `/api/v1/backups/${backupId}/restore?wait=60`, {});
    expect(restore.json.operation.status, restore.text).toBe("succeeded");
    expect((await login(`carol@${domain}`, "silver-harbour-fern")).code).not.toBe(0);
    const ok = await login(`alice@${domain}`, "amber-orchard-lamp");
    expect(ok.code, JSON.stringify(ok.out)).toBe(0);
    // The server was stopped for the swap (the StatefulSet at 0, its volume reached by a short-lived pod, now gone).
    expect(api.container(NS, pod)?.pid).not.toBe(before?.pid);
    expect(api.list("Pod", NS).map((p) => p.metadata.name)).toEqual([pod]);
  }, 120_000);
});
