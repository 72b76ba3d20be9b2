/**
 * The Kubernetes objects of one managed server, built from its spec: a StatefulSet of one replica with a volume for
 * its data, a ConfigMap with its rendered configuration, a Secret with its certificates and a Service for its ports.
 * Pure functions: the runtime sends them, the tests validate them against the Kubernetes schemas.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { InstanceLayout, InstanceSpec, LaunchPlan, ServerName } from "@xmpp-host/xmpp";

/** Where a server's files are inside its pod; every instance has the same paths, each in its own pod. */
export const POD_ROOT = "/srv/xmpp";
export const POD_LAYOUT: InstanceLayout = { dir: POD_ROOT, data: `${POD_ROOT}/data`, certs: `${POD_ROOT}/certs` };
/** The configuration volume; its files are linked into POD_ROOT, so an update reaches the server in place. */
export const POD_CONFIG_DIR = `${POD_ROOT}/config`;
/** The platform's own files for the server (Prosody modules), shipped in the configuration volume. */
export const POD_PLATFORM_DIR = `${POD_ROOT}/platform`;
export const CONTAINER = "server";
/** Kubernetes' default node port range (the API server's --service-node-port-range). */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
/** Key of the script that links the configuration volume's files into place (run at start and after an update). */
export const LINK_SCRIPT_KEY = "xmpp-host-link.sh";
/** ConfigMap keys stand for paths under POD_ROOT: '/' is written as this (keys may not hold '/'). */
const KEY_SEPARATOR = "__";

export const LABELS = {
  name: "app.kubernetes.io/name",
  partOf: "app.kubernetes.io/part-of",
  managedBy: "app.kubernetes.io/managed-by",
  instance: "xmpp-host.org/instance",
  server: "xmpp-host.org/server",
} as const;

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

export interface ServerObjectsOptions {
  namespace: string;
  image: string;
  serviceType: "LoadBalancer" | "NodePort" | "ClusterIP";
  volumeSize: string;
  storageClass?: string;
  /** The numeric account the server runs as (the image's own server account), owner of its volumes. */
  runAsUser: number;
}

/** Object names: DNS labels, at most 52 characters (a StatefulSet's pods add a suffix). */
export function objectName(instanceId: string): string {
  const clean = instanceId.toLowerCase().replace(/[^a-z0-9-]/g, "-");
  const name = `xmpp-${clean}`;
  if (clean === instanceId && name.length <= 52 && !name.endsWith("-")) return name;
  const hash = createHash("sha256").update(instanceId).digest("hex").slice(0, 8);
  return `xmpp-${clean.slice(0, 38).replace(/-+$/, "")}-${hash}`;
}

export function podName(instanceId: string): string {
  return `${objectName(instanceId)}-0`;
}

export function selectorLabels(instanceId: string): Record<string, string> {
  return { [LABELS.name]: "xmpp-server", [LABELS.instance]: objectName(instanceId) };
}

function labels(spec: Pick<InstanceSpec, "id" | "server">): Record<string, string> {
  return {
    ...selectorLabels(spec.id),
    [LABELS.partOf]: "xmpp-host",
    [LABELS.managedBy]: "xmpp-host",
    [LABELS.server]: spec.server,
  };
}

/** The ConfigMap key for a file under POD_ROOT. */
export function configKey(file: string): string {
  const rel = path.posix.relative(POD_ROOT, file);
  if (rel.startsWith("..") || path.posix.isAbsolute(rel) || rel.includes(KEY_SEPARATOR)) {
    throw new TypeError(`configuration file ${file} is not under ${POD_ROOT}`);
  }
  return rel.split("/").join(KEY_SEPARATOR);
}

/**
 * Links every file of the configuration volume to its place under POD_ROOT. The links point at the volume's own
 * entries, which Kubernetes swaps atomically on an update: the server reads the new content on its next reload.
 */
export const LINK_SCRIPT = `set -eu
for f in ${POD_CONFIG_DIR}/*; do
  key=\${f##*/}
  [ "$key" = "${LINK_SCRIPT_KEY}" ] && continue
  rel=$(printf '%s' "$key" | sed 's#${KEY_SEPARATOR}#/#g')
  mkdir -p "${POD_ROOT}/$(dirname "$rel")"
  ln -sfn "$f" "${POD_ROOT}/$rel"
done
`;

/**
 * The container's first process: links the configuration, starts the server and hands it the stop signal. The
 * server is not exec'd: ejabberdctl runs the Erlang VM as its child, and a shell as the container's first process
 * would swallow SIGTERM; this one passes it to every process of the container and waits for them to finish.
 */
export const START_SCRIPT = `. ${POD_CONFIG_DIR}/${LINK_SCRIPT_KEY}
"$@" &
trap 'trap "" TERM INT; kill -TERM 0; wait' TERM INT
wait $!
`;

export function configMap(
  spec: InstanceSpec,
  files: { path: string; content: string }[],
  opts: ServerObjectsOptions,
): KubernetesObject {
  const data: Record<string, string> = { [LINK_SCRIPT_KEY]: LINK_SCRIPT };
  for (const f of files) data[configKey(f.path)] = f.content;
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: objectName(spec.id), namespace: opts.namespace, labels: labels(spec) },
    data,
  };
}

export function certificateSecret(
  spec: Pick<InstanceSpec, "id" | "server">,
  certs: Record<string, string>,
  opts: Pick<ServerObjectsOptions, "namespace">,
): KubernetesObject {
  const data: Record<string, string> = {};
  for (const [name, pem] of Object.entries(certs)) data[name] = Buffer.from(pem).toString("base64");
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `${objectName(spec.id)}-certs`, namespace: opts.namespace, labels: labels(spec) },
    type: "Opaque",
    data,
  };
}

/** The ports clients and other servers use, by name. */
export function publicPorts(spec: InstanceSpec): { name: string; port: number }[] {
  const ports = [
    { name: "c2s", port: spec.ports.c2s },
    { name: "s2s", port: spec.ports.s2s },
    { name: "http", port: spec.ports.http },
  ];
  if (spec.ports.directTls !== undefined) ports.push({ name: "c2s-tls", port: spec.ports.directTls });
  if (spec.ports.https !== undefined) ports.push({ name: "https", port: spec.ports.https });
  return ports;
}

export function service(spec: InstanceSpec, opts: ServerObjectsOptions): KubernetesObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: objectName(spec.id), namespace: opts.namespace, labels: labels(spec) },
    spec: {
      type: opts.serviceType,
      selector: selectorLabels(spec.id),
      // A NodePort Service keeps the platform's ports on the nodes when they are in the node port range, so that
      // what DNS publishes is what the nodes answer on.
      ports: publicPorts(spec).map((p) => ({
        name: p.name,
        port: p.port,
        targetPort: p.port,
        protocol: "TCP",
        ...(opts.serviceType === "NodePort" && p.port >= NODE_PORT_MIN && p.port <= NODE_PORT_MAX
          ? { nodePort: p.port }
          : {}),
      })),
    },
  };
}

/**
 * The StatefulSet. Nothing in its pod template depends on the configuration or the certificates: changing them
 * updates the ConfigMap and the Secret, never the template, so the pod is not replaced (the server reloads).
 */
export function statefulSet(
  spec: InstanceSpec,
  plan: LaunchPlan,
  replicas: 0 | 1,
  opts: ServerObjectsOptions,
): KubernetesObject {
  const name = objectName(spec.id);
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name, namespace: opts.namespace, labels: labels(spec) },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: selectorLabels(spec.id) },
      template: {
        metadata: { labels: labels(spec) },
        spec: {
          // The server's admin interface is reached through the Kubernetes API (exec), never over the network.
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 20,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: opts.runAsUser,
            runAsGroup: opts.runAsUser,
            fsGroup: opts.runAsUser,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [
            {
              name: CONTAINER,
              image: opts.image,
              command: ["/bin/sh", "-c", START_SCRIPT, "start"],
              args: [plan.command, ...plan.args],
              workingDir: POD_ROOT,
              env: Object.entries(plan.env).map(([k, v]) => ({ name: k, value: v })),
              ports: publicPorts(spec).map((p) => ({ name: p.name, containerPort: p.port, protocol: "TCP" })),
              readinessProbe: { tcpSocket: { port: spec.ports.c2s }, periodSeconds: 2, failureThreshold: 3 },
              livenessProbe: {
                tcpSocket: { port: spec.ports.c2s },
                initialDelaySeconds: 30,
                periodSeconds: 20,
                failureThreshold: 6,
              },
              resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "1Gi" } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
              },
              volumeMounts: [
                { name: "work", mountPath: POD_ROOT },
                { name: "tmp", mountPath: "/tmp" },
                { name: "config", mountPath: POD_CONFIG_DIR, readOnly: true },
                { name: "certs", mountPath: POD_LAYOUT.certs, readOnly: true },
                { name: "data", mountPath: POD_LAYOUT.data },
              ],
            },
          ],
          volumes: [
            { name: "work", emptyDir: {} },
            { name: "tmp", emptyDir: {} },
            { name: "config", configMap: { name, defaultMode: 0o440 } },
            { name: "certs", secret: { secretName: `${name}-certs`, defaultMode: 0o440, optional: true } },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: "data", labels: labels(spec) },
          spec: {
            accessModes: ["ReadWriteOnce"],
            ...(opts.storageClass ? { storageClassName: opts.storageClass } : {}),
            resources: { requests: { storage: opts.volumeSize } },
          },
        },
      ],
    },
  };
}

/**
 * A pod that mounts a stopped server's data claim and runs nothing but a wait, so that the platform can reach the
 * volume by exec (a restore): the StatefulSet's own pod template, with the claim in place of the template's volume.
 */
export function dataPod(set: KubernetesObject, name: string, claim: string): KubernetesObject {
  const template = (
    set.spec as { template: { metadata?: { labels?: Record<string, string> }; spec: Record<string, unknown> } }
  ).template;
  const podSpec = structuredClone(template.spec) as {
    containers: Record<string, unknown>[];
    volumes?: Record<string, unknown>[];
    [key: string]: unknown;
  };
  const [container] = podSpec.containers;
  if (!container) throw new Error(`${set.metadata.name} has no container`);
  container.command = ["/bin/sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 1; done"];
  delete container.args;
  delete container.readinessProbe;
  delete container.livenessProbe;
  delete container.ports;
  podSpec.containers = [container];
  podSpec.volumes = [...(podSpec.volumes ?? []), { name: "data", persistentVolumeClaim: { claimName: claim } }];
  podSpec.restartPolicy = "Never";
  podSpec.terminationGracePeriodSeconds = 5;
  const labels = { ...(set.metadata.labels ?? {}) };
  delete labels[LABELS.instance]; // not selected by the server's Service
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: set.metadata.namespace, labels: { ...labels, "xmpp-host.org/role": "data" } },
    spec: podSpec,
  };
}

/** The claim a StatefulSet's volumeClaimTemplates make for its pod (removed with the instance). */
export function dataClaimName(instanceId: string): string {
  return `data-${podName(instanceId)}`;
}

export type ServerImages = Record<ServerName, string>;
