/**
 * Runs managed servers on Kubernetes: each instance is a StatefulSet of one replica in the worker's namespace. Start
 * and stop scale it; Kubernetes restarts a crashed server (the platform's own supervisor stays off in this mode).
 * Configuration and certificates live in a ConfigMap and a Secret whose updates reach the running pod in place,
 * and the platform administers the server through the Kubernetes API (exec), as on a local machine.
 */

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { ApiException, KubeConfig, KubernetesObjectApi, PatchStrategy, Watch } from "@kubernetes/client-node";
import {
  type AdminChannel,
  assertValidHostname,
  assertValidInstanceId,
  type InstanceLayout,
  type InstanceSpec,
  type ServerKind,
  type ServerKindOptions,
  type ServerName,
  serverKinds,
  validateSpec,
} from "@xmpp-host/xmpp";
import { KeyedLock } from "../keyed-lock.ts";
import { canConnect, sleep } from "../local/process.ts";
import type { InstanceRuntime, RuntimeStatus } from "../runtime.ts";
import {
  CONTAINER,
  certificateSecret,
  configMap,
  dataClaimName,
  dataPod,
  type KubernetesObject,
  LABELS,
  LINK_SCRIPT_KEY,
  objectName,
  POD_CONFIG_DIR,
  POD_LAYOUT,
  POD_PLATFORM_DIR,
  POD_ROOT,
  podName,
  type ServerImages,
  type ServerObjectsOptions,
  service,
  statefulSet,
} from "./objects.ts";
import {
  closeAdminForwarder,
  type ExecResult,
  ensureAdminForwarder,
  execInPod,
  execStreaming,
  type PodTarget,
} from "./pod-exec.ts";

export interface KubernetesRuntimeOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  /** The server image of each kind (infra/docker/prosody.Dockerfile, ejabberd.Dockerfile). */
  images: ServerImages;
  serviceType?: ServerObjectsOptions["serviceType"];
  storageClass?: string;
  /** Default 1Gi. */
  volumeSize?: string;
  /** The numeric account of the images' server user (the Dockerfiles fix it), for all kinds or per kind. Default 10001. */
  runAsUser?: number | Partial<Record<ServerName, number>>;
  /** This process's folder for the admin sockets it forwards into pods. */
  socketDir: string;
  servers?: ServerKindOptions;
  /**
   * How this process reaches a server's Service: by default its cluster DNS name, NAME.NAMESPACE.svc. A worker outside
   * the cluster (or a stand-in whose pods share this machine's network) says otherwise.
   */
  serviceAddress?: (name: string, namespace: string) => string;
  /** How long start() waits for the pod to be ready. Default 120 s (an image may have to be pulled). */
  startTimeoutMs?: number;
  /** How long a configuration update may take to reach a running pod. Default 120 s (the kubelet's sync period). */
  syncTimeoutMs?: number;
}

const POLL_MS = 200;
const SERVICE_ACCOUNT_NAMESPACE = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

/**
 * How this process reaches Kubernetes: the kubeconfig `file`, else KUBECONFIG or ~/.kube/config, else the pod's own service
 * account (in the cluster). The namespace is the pod's own, else the configuration's, else "default".
 */
export function kubeConfigFromEnvironment(file?: string): { kubeConfig: KubeConfig; namespace: string } {
  const kubeConfig = new KubeConfig();
  if (file) kubeConfig.loadFromFile(file);
  else kubeConfig.loadFromDefault();
  let namespace: string | undefined;
  try {
    namespace = readFileSync(SERVICE_ACCOUNT_NAMESPACE, "utf8").trim() || undefined;
  } catch {
    namespace = kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace;
  }
  return { kubeConfig, namespace: namespace ?? "default" };
}

function isNotFound(err: unknown): boolean {
  return err instanceof ApiException && err.code === 404;
}

/** JSON with object keys sorted, so that two objects compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Runs tar here; `empty` makes an empty archive (tar refuses an empty list). */
function runTar(args: string[], empty = false): Promise<void> {
  const argv = empty ? ["-cf", args[1] ?? "", "-T", "/dev/null"] : args;
  return new Promise((resolve, reject) => {
    const child = spawn("tar", argv, { stdio: ["ignore", "ignore", "pipe"] });
    const err: Buffer[] = [];
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`tar ${argv[0]}: ${Buffer.concat(err).toString().trim()}`)),
    );
  });
}

export class KubernetesRuntime implements InstanceRuntime {
  readonly kind = "kubernetes" as const;
  readonly namespace: string;
  private readonly kc: KubeConfig;
  private readonly api: KubernetesObjectApi;
  private readonly servers: { [N in ServerName]: ServerKind };
  private readonly objectOpts: Omit<ServerObjectsOptions, "image" | "runAsUser">;
  private readonly runAsUser: number | Partial<Record<ServerName, number>>;
  private readonly images: ServerImages;
  private readonly socketDir: string;
  private readonly startTimeoutMs: number;
  private readonly syncTimeoutMs: number;
  private readonly lock = new KeyedLock();
  private readonly serviceAddress: (name: string, namespace: string) => string;

  constructor(opts: KubernetesRuntimeOptions) {
    this.kc = opts.kubeConfig;
    this.api = KubernetesObjectApi.makeApiClient(opts.kubeConfig);
    this.namespace = opts.namespace;
    this.images = opts.images;
    this.socketDir = path.resolve(opts.socketDir);
    // The platform's Lua files come with the configuration; jemalloc is the image's business, not the worker's.
    this.servers = serverKinds({
      ...opts.servers,
      prosody: { allocator: null, ...opts.servers?.prosody, platformFilesDir: POD_PLATFORM_DIR },
    });
    this.objectOpts = {
      namespace: opts.namespace,
      serviceType: opts.serviceType ?? "LoadBalancer",
      volumeSize: opts.volumeSize ?? "1Gi",
      ...(opts.storageClass ? { storageClass: opts.storageClass } : {}),
    };
    this.runAsUser = opts.runAsUser ?? 10001;
    this.serviceAddress = opts.serviceAddress ?? ((name, namespace) => `${name}.${namespace}.svc`);
    this.startTimeoutMs = opts.startTimeoutMs ?? 120_000;
    this.syncTimeoutMs = opts.syncTimeoutMs ?? 120_000;
  }

  private options(server: ServerName): ServerObjectsOptions {
    const uid = typeof this.runAsUser === "number" ? this.runAsUser : (this.runAsUser[server] ?? 10001);
    return { ...this.objectOpts, image: this.images[server], runAsUser: uid };
  }

  private target(instanceId: string): PodTarget {
    return { namespace: this.namespace, pod: podName(instanceId) };
  }

  /** The files as the server sees them, in its pod. Backups read them through the pod (see docs/decisions.md). */
  layout(instanceId: string): InstanceLayout {
    assertValidInstanceId(instanceId);
    return POD_LAYOUT;
  }

  address(instance: { id: string; host: string }): string {
    return this.serviceAddress(objectName(instance.id), this.namespace);
  }

  certificateFile(instanceId: string, host: string): string {
    assertValidInstanceId(instanceId);
    assertValidHostname(host);
    return path.posix.join(POD_LAYOUT.certs, `${host}.crt`);
  }

  /** The kind's admin channel, with its socket replaced by this process's forwarder into the pod. */
  adminChannel(spec: InstanceSpec): AdminChannel {
    assertValidInstanceId(spec.id);
    const inPod = this.servers[spec.server].adminChannel(spec, POD_LAYOUT);
    const podSocket = inPod.kind === "socket" ? inPod.path : inPod.socketPath;
    if (!podSocket) throw new Error(`${spec.server}: its admin channel has no socket to forward`);
    const local = path.join(this.socketDir, `${objectName(spec.id)}.sock`);
    ensureAdminForwarder(this.kc, local, this.target(spec.id), podSocket);
    return inPod.kind === "socket" ? { kind: "socket", path: local } : { ...inPod, socketPath: local };
  }

  /** Runs a command in the instance's server container. */
  exec(instanceId: string, command: string[]): Promise<ExecResult> {
    return execInPod(this.kc, this.target(instanceId), command);
  }

  private async read(kind: string, apiVersion: string, name: string): Promise<KubernetesObject | null> {
    try {
      return (await this.api.read({
        apiVersion,
        kind,
        metadata: { name, namespace: this.namespace },
      })) as unknown as KubernetesObject;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /** Creates the object or replaces the one there. Returns whether anything the object holds changed. */
  private async put(obj: KubernetesObject, compare: (o: KubernetesObject) => unknown): Promise<boolean> {
    const existing = await this.read(obj.kind, obj.apiVersion, obj.metadata.name);
    if (!existing) {
      await this.api.create(obj as never);
      return true;
    }
    if (canonical(compare(existing)) === canonical(compare(obj))) return false;
    const resourceVersion = (existing.metadata as { resourceVersion?: string }).resourceVersion;
    await this.api.replace({ ...obj, metadata: { ...obj.metadata, resourceVersion } } as never);
    return true;
  }

  private async remove(kind: string, apiVersion: string, name: string): Promise<void> {
    try {
      await this.api.delete({ apiVersion, kind, metadata: { name, namespace: this.namespace } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private configFiles(spec: InstanceSpec): { path: string; content: string }[] {
    const files = this.servers[spec.server]
      .renderConfig(spec, POD_LAYOUT)
      .map((f) => ({ path: f.path, content: f.content }));
    for (const f of this.servers[spec.server].platformFiles()) {
      files.push({ path: path.posix.join(POD_PLATFORM_DIR, f.path), content: f.content });
    }
    return files;
  }

  async writeConfig(spec: InstanceSpec): Promise<boolean> {
    validateSpec(spec);
    const map = configMap(spec, this.configFiles(spec), this.options(spec.server));
    const changed = await this.put(map, (o) => o.data);
    if (changed && (await this.status(spec.id)).running) {
      await this.waitSynced(spec.id, map.data as Record<string, string>);
    }
    return changed;
  }

  async writeCertificate(instanceId: string, host: string, certPem: string, keyPem: string): Promise<boolean> {
    assertValidHostname(host);
    if (!certPem.includes("-----BEGIN CERTIFICATE-----")) throw new TypeError("certPem is not a PEM certificate");
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyPem)) throw new TypeError("keyPem is not a PEM private key");
    const name = `${objectName(instanceId)}-certs`;
    const existing = await this.read("Secret", "v1", name);
    const data = { ...((existing?.data as Record<string, string> | undefined) ?? {}) };
    const decoded = (k: string) => (data[k] ? Buffer.from(data[k], "base64").toString("utf8") : null);
    if (decoded(`${host}.crt`) === certPem && decoded(`${host}.key`) === keyPem) return false;
    const certs: Record<string, string> = {};
    for (const k of Object.keys(data)) certs[k] = decoded(k) ?? "";
    certs[`${host}.key`] = keyPem;
    certs[`${host}.crt`] = certPem;
    const server = existing?.metadata.labels?.[LABELS.server] === "ejabberd" ? "ejabberd" : "prosody";
    await this.put(certificateSecret({ id: instanceId, server }, certs, this.objectOpts), (o) => o.data);
    if ((await this.status(instanceId)).running) {
      const want: Record<string, string> = {};
      for (const [k, v] of Object.entries(certs)) want[`certs/${k}`] = v;
      await this.waitFiles(instanceId, want);
    }
    return true;
  }

  /**
   * Waits until the pod sees the ConfigMap's content (the kubelet updates mounted ConfigMaps in place, within its
   * sync period), then links files that are new.
   */
  private async waitSynced(instanceId: string, data: Record<string, string>): Promise<void> {
    const want: Record<string, string> = {};
    for (const [k, v] of Object.entries(data)) want[`config/${k}`] = v;
    await this.waitFiles(instanceId, want);
    const linked = await this.exec(instanceId, ["/bin/sh", `${POD_CONFIG_DIR}/${LINK_SCRIPT_KEY}`]);
    if (linked.code !== 0) throw new Error(`linking the configuration in ${podName(instanceId)}: ${linked.stderr}`);
  }

  /** Polls the pod until the files (relative to POD_ROOT) have the given content, compared by SHA-256. */
  private async waitFiles(instanceId: string, want: Record<string, string>): Promise<void> {
    const names = Object.keys(want).sort();
    const expected = names.map((n) => `${sha256(want[n] ?? "")}  ${POD_ROOT}/${n}`).join("\n");
    const deadline = Date.now() + this.syncTimeoutMs;
    for (;;) {
      const r = await this.exec(instanceId, ["sha256sum", ...names.map((n) => `${POD_ROOT}/${n}`)]);
      if (r.code === 0 && r.stdout.trim() === expected) return;
      if (Date.now() > deadline) {
        throw new Error(`${podName(instanceId)} did not receive its new files within ${this.syncTimeoutMs} ms`);
      }
      await sleep(POLL_MS * 5);
    }
  }

  start(spec: InstanceSpec): Promise<RuntimeStatus> {
    return this.locked(spec.id, () => this.doStart(spec));
  }

  private async doStart(spec: InstanceSpec): Promise<RuntimeStatus> {
    await this.writeConfig(spec);
    const opts = this.options(spec.server);
    const secretName = `${objectName(spec.id)}-certs`;
    if (!(await this.read("Secret", "v1", secretName))) {
      await this.api.create(certificateSecret(spec, {}, opts) as never);
    }
    await this.put(service(spec, opts), (o) => o.spec);
    const plan = this.servers[spec.server].launch(spec, POD_LAYOUT);
    const set = statefulSet(spec, plan, 1, opts);
    await this.put(set, (o) => o.spec);
    await this.waitReady(spec);
    return { running: true, pid: null };
  }

  /** Waits for the pod to be ready (its client port answers), then for its kind's admin channel. */
  private async waitReady(spec: InstanceSpec): Promise<void> {
    const deadline = Date.now() + this.startTimeoutMs + spec.domains.length * 750;
    await this.watchPodReady(spec.id, deadline);
    const server = this.servers[spec.server];
    const exec = async (command: string, args: string[]) => this.exec(spec.id, [command, ...args]);
    const channel = this.adminChannel(spec);
    const access = {
      fileExists: async (file: string) => (await this.exec(spec.id, ["test", "-e", file])).code === 0,
      adminSocket: channel.kind === "socket" ? channel.path : (channel.socketPath ?? ""),
    };
    for (;;) {
      if (
        (await canConnect(this.address({ id: spec.id, host: spec.bindAddress }), spec.ports.c2s, 500)) &&
        (await server.ready(spec, POD_LAYOUT, exec, access))
      ) {
        return;
      }
      if (Date.now() > deadline) throw new Error(`${podName(spec.id)}: the server's admin interface did not answer`);
      await sleep(POLL_MS);
    }
  }

  /** Watches the instance's pod until it reports Ready (or the deadline passes). */
  private async watchPodReady(instanceId: string, deadline: number): Promise<void> {
    const name = podName(instanceId);
    const isReady = (pod: KubernetesObject | null) =>
      ((pod?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some(
        (c) => c.type === "Ready" && c.status === "True",
      );
    for (;;) {
      if (isReady(await this.read("Pod", "v1", name))) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`${name} is not ready after ${this.startTimeoutMs} ms`);
      await new Promise<void>((resolve) => {
        let request: { abort(): void } | null = null;
        const timer = setTimeout(() => finish(), Math.min(remaining, 10_000));
        const finish = () => {
          clearTimeout(timer);
          request?.abort();
          resolve();
        };
        new Watch(this.kc)
          .watch(
            `/api/v1/namespaces/${this.namespace}/pods`,
            { fieldSelector: `metadata.name=${name}` },
            (_type, obj) => {
              if (isReady(obj as KubernetesObject)) finish();
            },
            () => finish(),
          )
          .then((r) => {
            request = r;
          })
          .catch(() => finish());
      });
    }
  }

  stop(instanceId: string): Promise<void> {
    return this.locked(instanceId, () => this.scaleDown(instanceId));
  }

  private async scaleDown(instanceId: string): Promise<void> {
    const name = objectName(instanceId);
    const set = await this.read("StatefulSet", "apps/v1", name);
    if (set) {
      await this.api.patch(
        {
          apiVersion: "apps/v1",
          kind: "StatefulSet",
          metadata: { name, namespace: this.namespace },
          spec: { replicas: 0 },
        },
        undefined,
        undefined,
        "xmpp-host",
        undefined,
        PatchStrategy.MergePatch,
      );
    }
    await this.waitPodGone(instanceId);
  }

  private async waitPodGone(instanceId: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (await this.read("Pod", "v1", podName(instanceId))) {
      if (Date.now() > deadline) throw new Error(`${podName(instanceId)} still exists a minute after scaling down`);
      await sleep(POLL_MS);
    }
  }

  destroy(instanceId: string): Promise<void> {
    return this.locked(instanceId, async () => {
      assertValidInstanceId(instanceId);
      const name = objectName(instanceId);
      await this.remove("StatefulSet", "apps/v1", name);
      await this.waitPodGone(instanceId);
      await this.remove("Service", "v1", name);
      await this.remove("ConfigMap", "v1", name);
      await this.remove("Secret", "v1", `${name}-certs`);
      // A StatefulSet leaves its claims behind on purpose; destroying the instance means its data goes too.
      await this.remove("PersistentVolumeClaim", "v1", dataClaimName(instanceId));
      closeAdminForwarder(path.join(this.socketDir, `${name}.sock`));
    });
  }

  /**
   * The data folder streamed out of the pod by exec (tar), the server stopped with SIGSTOP for the copy when asked
   * (its pid file names it) and resumed however the copy ends. See docs/decisions.md.
   */
  async copyDataOut(
    instanceId: string,
    opts: { dest: string; only?: string[]; pause: boolean },
  ): Promise<{ pausedMs: number }> {
    const kind = await this.kindOf(instanceId);
    const pidfile = kind.files(POD_LAYOUT).pidfile;
    for (const name of opts.only ?? []) {
      if (!/^[A-Za-z0-9._%-]+$/.test(name) || name.startsWith(".")) throw new TypeError(`invalid data folder ${name}`);
    }
    const script = [
      "set -e",
      `cd ${POD_LAYOUT.data}`,
      'list=""',
      'if [ "$#" -eq 0 ]; then list=.; else for d in "$@"; do if [ -e "$d" ]; then list="$list $d"; fi; done; fi',
      "pid=",
      `if [ "${opts.pause ? 1 : 0}" = 1 ] && [ -s ${pidfile} ]; then pid=$(cat ${pidfile}); fi`,
      'if [ -n "$pid" ]; then kill -STOP "$pid"; trap \'kill -CONT "$pid"\' EXIT INT TERM HUP; fi',
      "start=$(date +%s%N)",
      'if [ -n "$list" ]; then tar -cf - $list; else tar -cf - -T /dev/null; fi',
      'if [ -n "$pid" ]; then kill -CONT "$pid"; trap - EXIT; echo "paused-ns $(( $(date +%s%N) - start ))" >&2; fi',
    ].join("\n");
    await mkdir(opts.dest, { recursive: true });
    const tar = spawn("tar", ["-xf", "-", "-C", opts.dest, "--no-same-owner"], { stdio: ["pipe", "ignore", "pipe"] });
    const tarErr: Buffer[] = [];
    tar.stderr.on("data", (b: Buffer) => tarErr.push(b));
    const tarDone = new Promise<number | null>((resolve) => tar.once("close", (code) => resolve(code)));
    const r = await execStreaming(
      this.kc,
      this.target(instanceId),
      ["/bin/sh", "-c", script, "copy-data", ...(opts.only ?? [])],
      tar.stdin,
      600_000,
    ).catch((err: unknown) => {
      tar.kill();
      throw err;
    });
    const tarCode = await tarDone;
    if (r.code !== 0) throw new Error(`copying the data out of ${podName(instanceId)}: ${r.stderr.trim()}`);
    if (tarCode !== 0) throw new Error(`unpacking the data of ${podName(instanceId)}: ${Buffer.concat(tarErr)}`);
    const paused = /paused-ns (\d+)/.exec(r.stderr);
    return { pausedMs: paused ? Number(paused[1]) / 1e6 : 0 };
  }

  /**
   * Streams `src` into the pod by exec (tar) and swaps it in. A running server's pod takes folder replacements; a
   * stopped server's volume is reached through a short-lived pod that mounts its claim (the StatefulSet is at 0).
   * A retry starts again from the archive, so an interrupted swap is finished by the next attempt.
   */
  async replaceData(instanceId: string, src: string, opts: { only?: string[] } = {}): Promise<void> {
    const only = opts.only;
    for (const name of only ?? []) {
      if (!/^[A-Za-z0-9._%-]+$/.test(name) || name.startsWith(".")) throw new TypeError(`invalid data folder ${name}`);
    }
    const running = (await this.status(instanceId)).running;
    if (!only && running) throw new Error(`${podName(instanceId)}: stop the server before replacing all its data`);
    const archive = `${src.replace(/\/+$/, "")}.tar`;
    const entries = only ? only.filter((d) => existsSync(path.join(src, d))) : ["."];
    await runTar(["-cf", archive, "-C", src, "--", ...entries], entries.length === 0);
    const size = (await stat(archive)).size;
    const script = [
      "set -e",
      "size=$1; shift",
      `cd ${POD_LAYOUT.data}`,
      "rm -rf .xh-restoring .xh-replaced",
      "mkdir .xh-restoring .xh-replaced",
      'head -c "$size" | tar -xf - -C .xh-restoring',
      'if [ "$#" -eq 0 ]; then',
      '  for f in * .[!.]* ..?*; do [ -e "$f" ] || continue; case "$f" in .xh-restoring|.xh-replaced) continue;; esac; mv -- "$f" .xh-replaced/; done',
      '  for f in .xh-restoring/* .xh-restoring/.[!.]* .xh-restoring/..?*; do if [ -e "$f" ]; then mv -- "$f" .; fi; done',
      "else",
      '  for d in "$@"; do if [ -e "$d" ]; then mv -- "$d" .xh-replaced/; fi; if [ -e ".xh-restoring/$d" ]; then mv -- ".xh-restoring/$d" .; fi; done',
      "fi",
      "rm -rf .xh-restoring .xh-replaced",
    ].join("\n");
    const pod = running ? podName(instanceId) : await this.startDataPod(instanceId);
    try {
      // stdin is never ended before the command answers: with the v4 exec protocol, ending it closes the session.
      const stdin = new PassThrough();
      createReadStream(archive).pipe(stdin, { end: false });
      const r = await execStreaming(
        this.kc,
        { namespace: this.namespace, pod },
        ["/bin/sh", "-c", script, "replace-data", String(size), ...(only ?? [])],
        new PassThrough().resume(),
        600_000,
        stdin,
      ).finally(() => stdin.end());
      if (r.code !== 0) throw new Error(`restoring the data of ${podName(instanceId)}: ${r.stderr.trim()}`);
    } finally {
      await rm(archive, { force: true });
      if (!running) await this.removeDataPod(instanceId);
    }
  }

  /** A pod that only holds the stopped server's volume, for exec: same image, account and mounts, no server. */
  private async startDataPod(instanceId: string): Promise<string> {
    const set = await this.read("StatefulSet", "apps/v1", objectName(instanceId));
    if (!set) throw new Error(`${objectName(instanceId)} has no StatefulSet`);
    const name = `${objectName(instanceId)}-data`;
    await this.removeDataPod(instanceId);
    await this.api.create(dataPod(set, name, dataClaimName(instanceId)) as never);
    const deadline = Date.now() + this.startTimeoutMs;
    for (;;) {
      const pod = await this.read("Pod", "v1", name);
      const conditions = (pod?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions;
      if (conditions?.some((c) => c.type === "Ready" && c.status === "True")) return name;
      if (Date.now() > deadline) throw new Error(`${name} is not ready after ${this.startTimeoutMs} ms`);
      await sleep(POLL_MS);
    }
  }

  private async removeDataPod(instanceId: string): Promise<void> {
    const name = `${objectName(instanceId)}-data`;
    await this.remove("Pod", "v1", name);
    const deadline = Date.now() + 60_000;
    while (await this.read("Pod", "v1", name)) {
      if (Date.now() > deadline) throw new Error(`${name} still exists a minute after its deletion`);
      await sleep(POLL_MS);
    }
  }

  async removeHostData(instanceId: string, hosts: string[]): Promise<void> {
    const kind = await this.kindOf(instanceId);
    const dirs: string[] = [];
    for (const host of hosts) {
      assertValidHostname(host);
      for (const dir of kind.hostDataDirs(host)) dirs.push(path.posix.join(POD_LAYOUT.data, dir));
    }
    if (dirs.length && (await this.status(instanceId)).running) {
      const r = await this.exec(instanceId, ["rm", "-rf", "--", ...dirs]);
      if (r.code !== 0) throw new Error(`removing ${hosts.join(", ")} from ${podName(instanceId)}: ${r.stderr}`);
    }
    // The certificates go with the hosts.
    const secret = await this.read("Secret", "v1", `${objectName(instanceId)}-certs`);
    if (secret?.data) {
      const data = { ...(secret.data as Record<string, string>) };
      for (const host of hosts) {
        delete data[`${host}.crt`];
        delete data[`${host}.key`];
      }
      await this.api.replace({ ...secret, data } as never);
    }
  }

  private async kindOf(instanceId: string): Promise<ServerKind> {
    const map = await this.read("ConfigMap", "v1", objectName(instanceId));
    return map?.metadata.labels?.[LABELS.server] === "ejabberd" ? this.servers.ejabberd : this.servers.prosody;
  }

  async status(instanceId: string): Promise<RuntimeStatus> {
    assertValidInstanceId(instanceId);
    const set = await this.read("StatefulSet", "apps/v1", objectName(instanceId));
    if (!set || (set.spec as { replicas?: number }).replicas === 0) return { running: false, pid: null };
    const pod = await this.read("Pod", "v1", podName(instanceId));
    const ready = (
      (pod?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []
    ).some((c) => c.type === "Ready" && c.status === "True");
    return { running: ready, pid: null };
  }

  /** Nothing to do: the pod's fsGroup owns its volumes. */
  async handOver(_instanceId: string): Promise<void> {}

  private locked<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.lock.run(id, fn);
  }
}

export { CONTAINER };
