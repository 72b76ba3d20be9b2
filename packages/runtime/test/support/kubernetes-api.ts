/**
 * A local stand-in for the Kubernetes API, for tests: no API server can run on the machines that run them. Written
 * from the documented REST API (https://kubernetes.io/docs/reference/using-api/api-concepts/) and kept to what the
 * kubernetes runtime uses: discovery, create, get, list, watch, replace, merge patch and delete of ConfigMaps,
 * Secrets, Services, PersistentVolumeClaims, Pods and StatefulSets in namespaces, and pod exec over WebSocket
 * (v4.channel.k8s.io). It is not Kubernetes: no scheduler, no admission, no field defaulting beyond what is listed.
 *
 * Its one controller plays a StatefulSet's controller and a kubelet at once: a StatefulSet with replicas 1 gets the
 * pod NAME-0, whose container is the image's command run as a local process in its own mount namespace (the pod's
 * volumes bind-mounted at their mount paths, as the pod's user); readiness comes from the container's tcpSocket
 * probe; a container that exits is restarted; a changed pod template replaces the pod; mounted ConfigMaps and
 * Secrets are updated in place, with the atomic `..data` link swap the kubelet uses. Images are looked up in a
 * catalogue given by the test: an image is the software installed on this machine (e.g. Debian's prosody).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { chownSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { type WebSocket, WebSocketServer } from "ws";

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    resourceVersion?: string;
    uid?: string;
    generation?: number;
    creationTimestamp?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

interface Resource {
  group: string;
  version: string;
  plural: string;
  kind: string;
}

const RESOURCES: Resource[] = [
  { group: "", version: "v1", plural: "configmaps", kind: "ConfigMap" },
  { group: "", version: "v1", plural: "secrets", kind: "Secret" },
  { group: "", version: "v1", plural: "services", kind: "Service" },
  { group: "", version: "v1", plural: "persistentvolumeclaims", kind: "PersistentVolumeClaim" },
  { group: "", version: "v1", plural: "pods", kind: "Pod" },
  { group: "apps", version: "v1", plural: "statefulsets", kind: "StatefulSet" },
];

/** What a test says an image is: the user it runs as when the pod does not say. */
export interface StandInImage {
  user: number;
}

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: { name: string; value?: string }[];
  readinessProbe?: { tcpSocket?: { port: number } };
  volumeMounts?: { name: string; mountPath: string }[];
}

interface PodSpec {
  containers: Container[];
  volumes?: {
    name: string;
    emptyDir?: object;
    configMap?: { name: string; defaultMode?: number };
    secret?: { secretName: string; defaultMode?: number; optional?: boolean };
    persistentVolumeClaim?: { claimName: string };
  }[];
  securityContext?: { runAsUser?: number; runAsGroup?: number; fsGroup?: number };
  terminationGracePeriodSeconds?: number;
  restartPolicy?: "Always" | "OnFailure" | "Never";
}

interface RunningPod {
  key: string;
  namespace: string;
  name: string;
  dir: string;
  spec: PodSpec;
  child: ChildProcess | null;
  /** The container's main process (the one exec joins). */
  pid: number | null;
  stopping: boolean;
  restarts: number;
  probe: NodeJS.Timeout | null;
  /** The ConfigMap and Secret volumes, for in-place updates: volume folder by source object key. */
  projected: Map<string, string>;
  /** Its container runs, its volumes mounted. */
  started?: boolean;
  /** The host folder the pod's mount namespace stages its volumes on (an empty mount point outside it). */
  stage?: string;
}

function status(code: number, reason: string, message: string) {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
}

/** What a container's start script prints once its volumes are mounted. */
const STARTED = "xh-stand-in: container started";

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target && typeof target === "object" && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function matchesSelectors(obj: Obj, url: URL): boolean {
  const labelSelector = url.searchParams.get("labelSelector");
  for (const term of labelSelector ? labelSelector.split(",") : []) {
    const [k, v] = term.split("=");
    if (k && obj.metadata.labels?.[k] !== v) return false;
  }
  const fieldSelector = url.searchParams.get("fieldSelector");
  for (const term of fieldSelector ? fieldSelector.split(",") : []) {
    const [k, v] = term.split("=");
    if (k === "metadata.name" && obj.metadata.name !== v) return false;
    if (k === "metadata.namespace" && obj.metadata.namespace !== v) return false;
  }
  return true;
}

export class KubernetesApiStandIn {
  private server: http.Server | null = null;
  private wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (p) => (p.has("v4.channel.k8s.io") ? "v4.channel.k8s.io" : false),
  });
  private readonly store = new Map<string, Obj>();
  private readonly events = new EventEmitter();
  private readonly pods = new Map<string, RunningPod>();
  private revision = 1;
  readonly token = randomBytes(16).toString("hex");
  url = "";
  /** Every request, as "METHOD path", for tests that check what the runtime asked for. */
  readonly requests: string[] = [];

  constructor(private readonly opts: { root: string; images: Record<string, StandInImage> }) {
    this.events.setMaxListeners(0);
  }

  async start(): Promise<void> {
    mkdirSync(this.opts.root, { recursive: true });
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) this.send(res, 500, status(500, "InternalError", (err as Error).message));
        else res.end();
      });
    });
    this.server.on("upgrade", (req, socket, head) => this.upgrade(req, socket as net.Socket, head));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  kubeConfig(): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: "stand-in", server: this.url, skipTLSVerify: true }],
      users: [{ name: "worker", token: this.token }],
      contexts: [{ name: "stand-in", cluster: "stand-in", user: "worker", namespace: "default" }],
      currentContext: "stand-in",
    });
    return kc;
  }

  /** Writes a kubeconfig file for this stand-in (what a worker outside the cluster is given). */
  writeKubeConfig(file: string): string {
    writeFileSync(file, this.kubeConfig().exportConfig(), { mode: 0o600 });
    return file;
  }

  /** Stored objects of a kind, for assertions. */
  list(kind: string, namespace?: string): Obj[] {
    return [...this.store.values()].filter(
      (o) => o.kind === kind && (!namespace || o.metadata.namespace === namespace),
    );
  }

  /** Where a pod's container output goes (kept after the pod is gone, for diagnostics). */
  logFile(namespace: string, pod: string): string {
    mkdirSync(path.join(this.opts.root, "logs"), { recursive: true });
    return path.join(this.opts.root, "logs", `${namespace}_${pod}.log`);
  }

  /** A pod's container process: its PID and how often it was (re)started. */
  container(namespace: string, pod: string): { pid: number | null; restarts: number } | null {
    const p = this.pods.get(`${namespace}/${pod}`);
    return p ? { pid: p.pid, restarts: p.restarts } : null;
  }

  async close(): Promise<void> {
    for (const pod of [...this.pods.values()]) await this.stopPod(pod);
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  // ---- HTTP

  private send(res: http.ServerResponse, code: number, body: unknown) {
    res.writeHead(code, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private authorised(req: http.IncomingMessage): boolean {
    return req.headers.authorization === `Bearer ${this.token}`;
  }

  private async body(req: http.IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    return text ? JSON.parse(text) : null;
  }

  private route(pathname: string) {
    const m =
      /^\/api\/v1\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(pathname) ??
      /^\/apis\/(apps)\/v1\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(pathname);
    if (!m) return null;
    const apps = pathname.startsWith("/apis/");
    const [ns, plural, name, sub] = apps ? m.slice(2) : m.slice(1);
    const resource = RESOURCES.find((r) => r.plural === plural && r.group === (apps ? "apps" : ""));
    if (!resource || !ns) return null;
    return { resource, ns, name, sub };
  }

  private key(r: Resource, ns: string, name: string) {
    return `${r.group}/${r.plural}/${ns}/${name}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    this.requests.push(`${req.method} ${url.pathname}`);
    if (!this.authorised(req)) return this.send(res, 401, status(401, "Unauthorized", "Unauthorized"));
    if (req.method === "GET" && (url.pathname === "/api/v1" || url.pathname === "/apis/apps/v1")) {
      const group = url.pathname === "/api/v1" ? "" : "apps";
      return this.send(res, 200, {
        kind: "APIResourceList",
        apiVersion: "v1",
        groupVersion: group ? `${group}/v1` : "v1",
        resources: RESOURCES.filter((r) => r.group === group).map((r) => ({
          name: r.plural,
          singularName: r.kind.toLowerCase(),
          namespaced: true,
          kind: r.kind,
          verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
        })),
      });
    }
    const route = this.route(url.pathname);
    if (!route || route.sub) return this.send(res, 404, status(404, "NotFound", `no route ${url.pathname}`));
    const { resource, ns, name } = route;
    const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;

    if (!name) {
      if (req.method === "POST") {
        const obj = (await this.body(req)) as Obj;
        if (!obj?.metadata?.name) return this.send(res, 422, status(422, "Invalid", "metadata.name: Required value"));
        if (obj.kind !== resource.kind)
          return this.send(res, 400, status(400, "BadRequest", `kind ${obj.kind} on ${resource.plural}`));
        const key = this.key(resource, ns, obj.metadata.name);
        if (this.store.has(key)) {
          return this.send(
            res,
            409,
            status(409, "AlreadyExists", `${resource.plural} "${obj.metadata.name}" already exists`),
          );
        }
        const created = this.save(key, { ...obj, apiVersion, metadata: { ...obj.metadata, namespace: ns } }, null);
        // A pod made directly (not by a StatefulSet) runs as it is.
        if (resource.kind === "Pod") await this.runPod(ns, obj.metadata.name, created.spec as PodSpec);
        return this.send(res, 201, created);
      }
      if (req.method === "GET") {
        const items = [...this.store.values()].filter(
          (o) => o.kind === resource.kind && o.metadata.namespace === ns && matchesSelectors(o, url),
        );
        if (url.searchParams.get("watch") === "true") return this.watch(req, res, resource, ns, url, items);
        return this.send(res, 200, {
          kind: `${resource.kind}List`,
          apiVersion,
          metadata: { resourceVersion: String(this.revision) },
          items,
        });
      }
      return this.send(res, 405, status(405, "MethodNotAllowed", req.method ?? ""));
    }

    const key = this.key(resource, ns, name);
    const existing = this.store.get(key);
    if (req.method === "GET") {
      return existing
        ? this.send(res, 200, existing)
        : this.send(res, 404, status(404, "NotFound", `${resource.plural} "${name}" not found`));
    }
    if (!existing) return this.send(res, 404, status(404, "NotFound", `${resource.plural} "${name}" not found`));
    if (req.method === "DELETE") {
      this.store.delete(key);
      this.emit("DELETED", existing);
      this.afterChange(existing, "DELETED");
      return this.send(res, 200, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success" });
    }
    if (req.method === "PUT") {
      const obj = (await this.body(req)) as Obj;
      const rv = obj.metadata?.resourceVersion;
      if (rv && rv !== existing.metadata.resourceVersion) {
        return this.send(
          res,
          409,
          status(409, "Conflict", "the object has been modified; please apply your changes to the latest version"),
        );
      }
      return this.send(
        res,
        200,
        this.save(key, { ...obj, apiVersion, metadata: { ...obj.metadata, namespace: ns } }, existing),
      );
    }
    if (req.method === "PATCH") {
      const type = String(req.headers["content-type"] ?? "");
      if (
        !type.startsWith("application/merge-patch+json") &&
        !type.startsWith("application/strategic-merge-patch+json")
      ) {
        return this.send(res, 415, status(415, "UnsupportedMediaType", `patch type ${type} is not supported here`));
      }
      const patched = mergePatch(existing, await this.body(req)) as Obj;
      return this.send(
        res,
        200,
        this.save(key, { ...patched, apiVersion, metadata: { ...patched.metadata, name, namespace: ns } }, existing),
      );
    }
    return this.send(res, 405, status(405, "MethodNotAllowed", req.method ?? ""));
  }

  private save(key: string, obj: Obj, previous: Obj | null): Obj {
    this.revision += 1;
    const specChanged = !previous || canonical(previous.spec) !== canonical(obj.spec);
    const stored: Obj = {
      ...obj,
      metadata: {
        ...obj.metadata,
        uid: previous?.metadata.uid ?? randomBytes(8).toString("hex"),
        creationTimestamp: previous?.metadata.creationTimestamp ?? new Date().toISOString(),
        resourceVersion: String(this.revision),
        generation: (previous?.metadata.generation ?? 0) + (specChanged ? 1 : 0),
      },
    };
    if (previous?.status && obj.status === undefined) stored.status = previous.status;
    this.store.set(key, stored);
    this.emit(previous ? "MODIFIED" : "ADDED", stored);
    this.afterChange(stored, previous ? "MODIFIED" : "ADDED");
    return stored;
  }

  private emit(type: string, obj: Obj) {
    this.events.emit("event", { type, object: obj });
  }

  private watch(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    r: Resource,
    ns: string,
    url: URL,
    initial: Obj[],
  ) {
    res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
    const write = (type: string, object: Obj) => res.write(`${JSON.stringify({ type, object })}\n`);
    if (!url.searchParams.get("resourceVersion")) for (const o of initial) write("ADDED", o);
    const listener = (e: { type: string; object: Obj }) => {
      if (e.object.kind === r.kind && e.object.metadata.namespace === ns && matchesSelectors(e.object, url))
        write(e.type, e.object);
    };
    this.events.on("event", listener);
    const timeout = Number(url.searchParams.get("timeoutSeconds") ?? 0);
    const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : null;
    req.on("close", () => {
      this.events.off("event", listener);
      if (timer) clearTimeout(timer);
    });
  }

  // ---- the controller (StatefulSet controller and kubelet)

  private afterChange(obj: Obj, type: string) {
    const ns = obj.metadata.namespace ?? "default";
    if (obj.kind === "StatefulSet") void this.reconcileSet(obj, type === "DELETED");
    if (obj.kind === "Pod" && type === "DELETED") {
      const pod = this.pods.get(`${ns}/${obj.metadata.name}`);
      if (pod) void this.stopPod(pod);
    }
    if (obj.kind === "ConfigMap" || obj.kind === "Secret") {
      for (const pod of this.pods.values()) {
        const dir = pod.projected.get(`${obj.kind}/${ns}/${obj.metadata.name}`);
        if (dir && pod.namespace === ns) this.writeProjected(dir, obj, pod.spec, type === "DELETED");
      }
    }
  }

  private reconciling = Promise.resolve();

  private reconcileSet(set: Obj, deleted: boolean): Promise<void> {
    this.reconciling = this.reconciling.then(() => this.doReconcile(set, deleted)).catch(() => {});
    return this.reconciling;
  }

  private async doReconcile(set: Obj, deleted: boolean): Promise<void> {
    const ns = set.metadata.namespace ?? "default";
    const spec = set.spec as {
      replicas?: number;
      template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
      volumeClaimTemplates?: { metadata: { name: string }; spec: unknown }[];
    };
    const name = `${set.metadata.name}-0`;
    const podKey = this.key(RESOURCES.find((r) => r.kind === "Pod") as Resource, ns, name);
    const existing = this.store.get(podKey);
    const want = !deleted && (spec.replicas ?? 1) > 0;
    const hash = canonical(spec.template).length.toString(36) + textHash(canonical(spec.template));
    if (existing && (!want || existing.metadata.labels?.["controller-revision-hash"] !== hash)) {
      const pod = this.pods.get(`${ns}/${name}`);
      if (pod) await this.stopPod(pod);
      this.store.delete(podKey);
      this.emit("DELETED", existing);
    }
    if (!want || (existing && this.store.has(podKey))) return;
    const claims: PodSpec["volumes"] = [];
    for (const t of spec.volumeClaimTemplates ?? []) {
      const claimName = `${t.metadata.name}-${name}`;
      const claimKey = this.key(RESOURCES.find((r) => r.kind === "PersistentVolumeClaim") as Resource, ns, claimName);
      if (!this.store.has(claimKey)) {
        this.save(
          claimKey,
          {
            apiVersion: "v1",
            kind: "PersistentVolumeClaim",
            metadata: { name: claimName, namespace: ns },
            spec: t.spec,
            status: { phase: "Bound" },
          },
          null,
        );
      }
      claims.push({ name: t.metadata.name, persistentVolumeClaim: { claimName } });
    }
    const podSpec: PodSpec = { ...spec.template.spec, volumes: [...(spec.template.spec.volumes ?? []), ...claims] };
    const pod: Obj = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name,
        namespace: ns,
        labels: {
          ...spec.template.metadata?.labels,
          "controller-revision-hash": hash,
          "statefulset.kubernetes.io/pod-name": name,
        },
      },
      spec: podSpec,
      status: { phase: "Pending", conditions: [{ type: "Ready", status: "False" }] },
    };
    this.save(podKey, pod, null);
    await this.runPod(ns, name, podSpec);
  }

  private setPodStatus(ns: string, name: string, ready: boolean, phase: string) {
    const key = this.key(RESOURCES.find((r) => r.kind === "Pod") as Resource, ns, name);
    const pod = this.store.get(key);
    if (!pod) return;
    const conditions =
      (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
    const was = conditions.find((c) => c.type === "Ready")?.status === "True";
    const running = this.pods.get(`${ns}/${name}`);
    if (was === ready && (pod.status as { phase?: string }).phase === phase) return;
    this.save(
      key,
      {
        ...pod,
        status: {
          phase,
          podIP: "127.0.0.1",
          conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
          containerStatuses: [
            {
              name: (pod.spec as PodSpec).containers[0]?.name,
              image: (pod.spec as PodSpec).containers[0]?.image,
              imageID: `stand-in://${(pod.spec as PodSpec).containers[0]?.image}`,
              ready,
              restartCount: running?.restarts ?? 0,
            },
          ],
        },
      },
      pod,
    );
  }

  /** Writes a ConfigMap or Secret volume the kubelet's way: a new timestamped folder, then `..data` swapped to it. */
  private writeProjected(dir: string, source: Obj | undefined, spec: PodSpec, deleted = false) {
    const owner = spec.securityContext?.fsGroup;
    const stamp = `..${Date.now()}_${randomBytes(4).toString("hex")}`;
    const target = path.join(dir, stamp);
    mkdirSync(target, { recursive: true });
    const data: Record<string, string> = {};
    if (source && !deleted) {
      for (const [k, v] of Object.entries((source.data as Record<string, string>) ?? {})) {
        data[k] = source.kind === "Secret" ? Buffer.from(v, "base64").toString("utf8") : v;
      }
    }
    const volume = spec.volumes?.find((v) =>
      source?.kind === "Secret"
        ? v.secret?.secretName === source.metadata.name
        : v.configMap?.name === source?.metadata.name,
    );
    const mode = volume?.secret?.defaultMode ?? volume?.configMap?.defaultMode ?? 0o644;
    for (const [k, v] of Object.entries(data)) {
      const file = path.join(target, k);
      writeFileSync(file, v, { mode });
      if (owner !== undefined) chownSync(file, 0, owner);
    }
    if (owner !== undefined) chownSync(target, 0, owner);
    const tmpLink = path.join(dir, `..data_tmp_${randomBytes(4).toString("hex")}`);
    symlinkSync(stamp, tmpLink);
    renameSync(tmpLink, path.join(dir, "..data"));
    const entries = readdirSync(dir);
    for (const e of entries) {
      if (e.startsWith("..")) {
        if (e !== stamp && e !== "..data") rmSync(path.join(dir, e), { recursive: true, force: true });
        continue;
      }
      if (!(e in data)) rmSync(path.join(dir, e), { force: true });
    }
    for (const k of Object.keys(data)) {
      if (!entries.includes(k)) symlinkSync(path.join("..data", k), path.join(dir, k));
    }
  }

  private async runPod(ns: string, name: string, spec: PodSpec): Promise<void> {
    const container = spec.containers[0];
    if (!container) return;
    const dir = path.join(this.opts.root, "pods", ns, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pod: RunningPod = {
      key: `${ns}/${name}`,
      namespace: ns,
      name,
      dir,
      spec,
      child: null,
      pid: null,
      stopping: false,
      restarts: 0,
      probe: null,
      projected: new Map(),
    };
    this.pods.set(pod.key, pod);
    const image = this.opts.images[container.image];
    if (!image) {
      this.setPodStatus(ns, name, false, "Pending"); // ErrImagePull: it never becomes ready
      return;
    }
    const uid = spec.securityContext?.runAsUser ?? image.user;
    const gid = spec.securityContext?.runAsGroup ?? uid;
    const fsGroup = spec.securityContext?.fsGroup;
    const sources = new Map<string, string>();
    for (const v of spec.volumes ?? []) {
      let src: string;
      if (v.persistentVolumeClaim) {
        src = path.join(this.opts.root, "volumes", ns, v.persistentVolumeClaim.claimName);
        mkdirSync(src, { recursive: true });
        if (fsGroup !== undefined) chownSync(src, uid, fsGroup);
      } else if (v.configMap || v.secret) {
        src = path.join(dir, "volumes", v.name);
        mkdirSync(src, { recursive: true });
        const kind = v.configMap ? "ConfigMap" : "Secret";
        const objName = v.configMap?.name ?? v.secret?.secretName ?? "";
        const source = this.store.get(this.key(RESOURCES.find((r) => r.kind === kind) as Resource, ns, objName));
        this.writeProjected(src, source, spec);
        pod.projected.set(`${kind}/${ns}/${objName}`, src);
      } else {
        src = path.join(dir, "volumes", v.name);
        mkdirSync(src, { recursive: true, mode: 0o777 });
        chownSync(src, uid, fsGroup ?? gid);
      }
      sources.set(v.name, src);
    }
    // Mounts in path order, so that a volume inside another's folder lands on top of it.
    const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => a.mountPath.length - b.mountPath.length);
    // Sources are first bound under a staging folder: a mount over /tmp would otherwise hide sources kept there.
    const stage = `/run/xh-pod-${randomBytes(6).toString("hex")}`;
    pod.stage = stage;
    const script = [
      "set -e",
      `mkdir -p '${stage}' && mount -t tmpfs -o mode=700 none '${stage}'`,
      ...[...sources].map(([vol, src]) => `mkdir -p '${stage}/${vol}' && mount --bind '${src}' '${stage}/${vol}'`),
      ...mounts.map((m) => `mkdir -p '${m.mountPath}' && mount --bind '${stage}/${m.name}' '${m.mountPath}'`),
      `cd '${container.workingDir ?? "/"}'`,
      // The container counts as started once its volumes are in place (what the kubelet guarantees before it runs).
      `echo ${STARTED}`,
      `exec setpriv --reuid=${uid} --regid=${gid} --groups=${fsGroup ?? gid} --inh-caps=-all -- "$@"`,
    ].join("\n");
    const argv = [...(container.command ?? []), ...(container.args ?? [])];
    const env: Record<string, string> = {
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      HOME: "/",
    };
    for (const e of container.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
    // Without a readiness probe, a started container is ready.
    const port = container.readinessProbe?.tcpSocket?.port;
    const launch = () => {
      if (pod.stopping) return;
      const child = spawn(
        "unshare",
        ["-m", "--propagation", "private", "--", "/bin/sh", "-c", script, "pod", ...argv],
        // Its own process group stands for the container: when its first process ends, the rest goes with it.
        { env, stdio: ["ignore", "pipe", "pipe"], detached: true },
      );
      pod.child = child;
      pod.pid = child.pid ?? null;
      const log = this.logFile(ns, name);
      pod.started = false;
      child.stdout?.on("data", (b: Buffer) => {
        if (!pod.started && b.includes(STARTED)) {
          pod.started = true;
          if (port === undefined) this.setPodStatus(ns, name, true, "Running");
        }
        writeFileSync(log, b, { flag: "a" });
      });
      child.stderr?.on("data", (b: Buffer) => writeFileSync(log, b, { flag: "a" }));
      child.once("exit", () => {
        killGroup(child.pid);
        pod.child = null;
        pod.pid = null;
        if (pod.stopping) return;
        if (pod.spec.restartPolicy === "Never") {
          this.setPodStatus(ns, name, false, "Succeeded");
          return;
        }
        this.setPodStatus(ns, name, false, "Running");
        pod.restarts += 1;
        // restartPolicy Always, with a short back-off.
        setTimeout(launch, Math.min(1000 * pod.restarts, 5000)).unref();
      });
    };
    launch();
    pod.probe = setInterval(() => {
      if (!pod.child || !pod.started || port === undefined) return;
      const s = net.connect({ host: "127.0.0.1", port });
      s.setTimeout(500);
      s.once("connect", () => {
        s.destroy();
        this.setPodStatus(ns, name, true, "Running");
      });
      const fail = () => {
        s.destroy();
        this.setPodStatus(ns, name, false, "Running");
      };
      s.once("error", fail);
      s.once("timeout", fail);
    }, 200);
    pod.probe.unref();
  }

  private async stopPod(pod: RunningPod): Promise<void> {
    if (pod.stopping) return;
    pod.stopping = true;
    if (pod.probe) clearInterval(pod.probe);
    this.pods.delete(pod.key);
    const child = pod.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const grace = (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
      const killed = await Promise.race([exited.then(() => true), sleep(grace).then(() => false)]);
      if (!killed) {
        child.kill("SIGKILL");
        await exited;
      }
    }
    rmSync(pod.dir, { recursive: true, force: true });
    if (pod.stage) rmSync(pod.stage, { recursive: true, force: true });
  }

  // ---- exec over WebSocket (v4.channel.k8s.io)

  private upgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer) {
    const url = new URL(req.url ?? "/", this.url);
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(url.pathname);
    this.requests.push(`${req.method} ${url.pathname}`);
    const pod = m ? this.pods.get(`${m[1]}/${m[2]}`) : undefined;
    if (!this.authorised(req) || !pod || pod.pid === null || !pod.started) {
      socket.end(
        `HTTP/1.1 ${this.authorised(req) ? 404 : 401} ${this.authorised(req) ? "Not Found" : "Unauthorized"}\r\n\r\n`,
      );
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.exec(ws, pod, url));
  }

  private exec(ws: WebSocket, pod: RunningPod, url: URL) {
    const command = url.searchParams.getAll("command");
    const container = pod.spec.containers[0];
    const uid = pod.spec.securityContext?.runAsUser ?? this.opts.images[container?.image ?? ""]?.user ?? 65534;
    const gid = pod.spec.securityContext?.runAsGroup ?? uid;
    const groups = pod.spec.securityContext?.fsGroup ?? gid;
    const env: Record<string, string> = {
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      HOME: "/",
    };
    for (const e of container?.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
    // The command joins the container's mount namespace and runs as the container's user, in its working folder.
    const child = spawn(
      "nsenter",
      [
        "-t",
        String(pod.pid),
        "-m",
        `--wd=${container?.workingDir ?? "/"}`,
        "--",
        "setpriv",
        `--reuid=${uid}`,
        `--regid=${gid}`,
        `--groups=${groups}`,
        "--inh-caps=-all",
        "--",
        ...command,
      ],
      { env, stdio: ["pipe", "pipe", "pipe"] },
    );
    const frame = (channel: number, data: Buffer) => {
      if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), data]));
    };
    child.stdout.on("data", (b: Buffer) => frame(1, b));
    child.stderr.on("data", (b: Buffer) => frame(2, b));
    child.stdin.on("error", () => {});
    ws.on("message", (data: Buffer) => {
      if (data[0] === 0 && !child.stdin.destroyed) child.stdin.write(data.subarray(1));
    });
    ws.on("close", () => {
      child.stdin.end();
      if (child.exitCode === null) child.kill("SIGTERM");
    });
    child.once("error", (err) => {
      frame(
        3,
        Buffer.from(JSON.stringify({ metadata: {}, status: "Failure", message: err.message, reason: "InternalError" })),
      );
      ws.close();
    });
    child.once("close", (code) => {
      const result =
        code === 0
          ? { metadata: {}, status: "Success" }
          : {
              metadata: {},
              status: "Failure",
              message: `command terminated with non-zero exit code: ${code}`,
              reason: "NonZeroExitCode",
              details: { causes: [{ reason: "ExitCode", message: String(code ?? 137) }] },
            };
      frame(3, Buffer.from(JSON.stringify(result)));
      ws.close();
    });
  }
}

/** Kills what is left of a container: every process of its group. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // the group is already gone
  }
}

/** A short deterministic hash of a pod template (its revision, as a StatefulSet's controller-revision-hash). */
function textHash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
