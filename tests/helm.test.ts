// The Helm chart (infra/helm/xmpp-host): every value set in its ci/ folder passes `helm lint --strict`, renders, and
// every object it renders is valid for its Kubernetes API (kubernetes-models); then what each set is for is checked
// (the trial's databases, production's Secret, monitoring and network policies), along with what must hold
// everywhere: non-root pods, the worker's Role and nothing more, the migration hook, and required values that fail
// rendering with a message naming them. Helm comes from scripts/ensure-helm.sh; no cluster is needed.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "@xmpp-host/config";
import { Deployment, StatefulSet } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Job } from "kubernetes-models/batch/v1";
import { Ingress, NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { Role, RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import { ConfigMap, PersistentVolumeClaim, Secret, Service, ServiceAccount } from "kubernetes-models/v1";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";

const CHART = path.join(repoRoot, "infra/helm/xmpp-host");
const RELEASE = "xh";
const NAMESPACE = "chat";
const FULLNAME = `${RELEASE}-xmpp-host`;

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: any;
}

/** The model that validates each apiVersion/kind the chart may render. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  "v1/ConfigMap": ConfigMap,
  "v1/PersistentVolumeClaim": PersistentVolumeClaim,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "v1/ServiceAccount": ServiceAccount,
  "apps/v1/Deployment": Deployment,
  "apps/v1/StatefulSet": StatefulSet,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "batch/v1/Job": Job,
  "networking.k8s.io/v1/Ingress": Ingress,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "rbac.authorization.k8s.io/v1/Role": Role,
  "rbac.authorization.k8s.io/v1/RoleBinding": RoleBinding,
};

/** What the worker needs to run managed servers, and nothing more. */
const WORKER_RULES = [
  {
    apiGroups: ["apps"],
    resources: ["statefulsets"],
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"],
  },
  {
    apiGroups: [""],
    resources: ["configmaps", "secrets", "services", "persistentvolumeclaims"],
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"],
  },
  { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch", "create", "delete"] },
  { apiGroups: [""], resources: ["pods/exec"], verbs: ["get", "create"] },
];

/** Variables that must never sit in a ConfigMap. */
const SECRET_VARIABLES = [
  "SECRETS_KEY",
  "DATABASE_URL",
  "REDIS_URL",
  "METRICS_TOKEN",
  "SMTP_URL",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "RFC2136_TSIG_SECRET",
  "CLOUDFLARE_API_TOKEN",
  "DEMO_OPERATOR_PASSWORD",
];

let helm = "";

function runHelm(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(helm, args, { cwd: CHART, encoding: "utf8" });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function valueArgs(valuesFile: string | null, set: string[] = []): string[] {
  return [...(valuesFile ? ["--values", path.join(CHART, valuesFile)] : []), ...set.flatMap((s) => ["--set", s])];
}

function template(valuesFile: string | null, set: string[] = []) {
  return runHelm(["template", RELEASE, CHART, "--namespace", NAMESPACE, ...valueArgs(valuesFile, set)]);
}

function render(valuesFile: string | null, set: string[] = []): K8sObject[] {
  const r = template(valuesFile, set);
  if (r.status !== 0) throw new Error(`helm template ${valuesFile} failed:\n${r.stderr}`);
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(r.stdout)) {
    if (doc.errors.length) throw new Error(`unparsable YAML from ${valuesFile}: ${doc.errors[0]?.message}`);
    const value = doc.toJS();
    if (value !== null) objects.push(value as K8sObject);
  }
  return objects;
}

/** The ServiceMonitor's shape, checked by hand (the Prometheus Operator's models are not a dependency here). */
function serviceMonitorProblems(o: K8sObject): string[] {
  const problems: string[] = [];
  const isStringMap = (m: unknown) =>
    typeof m === "object" && m !== null && Object.values(m).every((v) => typeof v === "string");
  if (o.apiVersion !== "monitoring.coreos.com/v1") problems.push(`apiVersion ${o.apiVersion}`);
  if (typeof o.metadata?.name !== "string" || !o.metadata.name) problems.push("metadata.name");
  const spec = o.spec ?? {};
  const allowedSpec = ["selector", "namespaceSelector", "endpoints", "jobLabel"];
  for (const k of Object.keys(spec)) if (!allowedSpec.includes(k)) problems.push(`unexpected spec.${k}`);
  if (!isStringMap(spec.selector?.matchLabels)) problems.push("spec.selector.matchLabels");
  if (spec.namespaceSelector && !(spec.namespaceSelector.matchNames ?? []).every((n: unknown) => typeof n === "string"))
    problems.push("spec.namespaceSelector.matchNames");
  if (!Array.isArray(spec.endpoints) || spec.endpoints.length === 0) problems.push("spec.endpoints");
  const allowedEndpoint = ["port", "path", "scheme", "interval", "scrapeTimeout", "authorization"];
  for (const [i, e] of (spec.endpoints ?? []).entries()) {
    for (const k of Object.keys(e)) if (!allowedEndpoint.includes(k)) problems.push(`unexpected endpoints[${i}].${k}`);
    if (typeof e.port !== "string") problems.push(`endpoints[${i}].port`);
    if (typeof e.path !== "string" || !e.path.startsWith("/")) problems.push(`endpoints[${i}].path`);
    if (!["http", "https"].includes(e.scheme)) problems.push(`endpoints[${i}].scheme`);
    for (const d of ["interval", "scrapeTimeout"])
      if (e[d] !== undefined && !/^(\d+(ms|s|m|h))+$/.test(e[d])) problems.push(`endpoints[${i}].${d}`);
    if (e.authorization) {
      const { type, credentials } = e.authorization;
      if (type !== "Bearer") problems.push(`endpoints[${i}].authorization.type`);
      if (typeof credentials?.name !== "string" || typeof credentials?.key !== "string")
        problems.push(`endpoints[${i}].authorization.credentials`);
    }
  }
  return problems;
}

function validate(o: K8sObject): void {
  if (o.kind === "ServiceMonitor") {
    const problems = serviceMonitorProblems(o);
    if (problems.length) throw new Error(`ServiceMonitor ${o.metadata.name}: ${problems.join(", ")}`);
    return;
  }
  const Model = MODELS[`${o.apiVersion}/${o.kind}`];
  if (!Model) throw new Error(`no model for ${o.apiVersion} ${o.kind}: add it to MODELS`);
  new Model(o).validate();
}

const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);

function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind} ${name} among ${objects.map((x) => `${x.kind}/${x.metadata.name}`).join(", ")}`);
  return o;
}

/** Objects that run pods, with their pod spec. */
function podSpecs(objects: K8sObject[]): { owner: K8sObject; spec: any; labels: Record<string, string> }[] {
  return objects
    .filter((o) => ["Deployment", "StatefulSet", "Job"].includes(o.kind))
    .map((o) => ({ owner: o, spec: o.spec.template.spec, labels: o.spec.template.metadata?.labels ?? {} }));
}

const containersOf = (spec: any): any[] => [...(spec.initContainers ?? []), ...spec.containers];

/**
 * A container's environment as the kubelet builds it: ConfigMap values, literal values, and secretKeyRef/fieldRef
 * sources as "secret:NAME/KEY" and "field:PATH".
 */
function environment(objects: K8sObject[], container: any): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const cm = find(objects, "ConfigMap", from.configMapRef.name);
    Object.assign(env, cm.data ?? {});
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.secretKeyRef)
      env[e.name] = `secret:${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`;
    else if (e.valueFrom?.fieldRef) env[e.name] = `field:${e.valueFrom.fieldRef.fieldPath}`;
  }
  return env;
}

const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

const decode = (s: string) => Buffer.from(s, "base64").toString("utf8");

const valueSets = readdirSync(path.join(CHART, "ci"))
  .filter((f) => f.endsWith("-values.yaml"))
  .sort()
  .map((f) => `ci/${f}`);
const rendered = new Map<string, K8sObject[]>();

beforeAll(() => {
  // Puts helm at var/bin/helm when it is not there yet (one npm tarball).
  helm = execFileSync("bash", [path.join(repoRoot, "scripts/ensure-helm.sh")], { encoding: "utf8" }).trim();
  for (const file of valueSets) rendered.set(file, render(file));
}, 180_000);

function objectsOf(file: string): K8sObject[] {
  const objects = rendered.get(file);
  if (!objects) throw new Error(`${file} was not rendered`);
  return objects;
}

describe("the chart's value sets", () => {
  it("has the default, trial and production sets", () => {
    expect(valueSets).toEqual(
      expect.arrayContaining(["ci/default-values.yaml", "ci/trial-values.yaml", "ci/production-values.yaml"]),
    );
  });

  it("lints strictly with values.yaml alone (required values are only reported when linting)", () => {
    const r = runHelm(["lint", "--strict", CHART]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("0 chart(s) failed");
  });

  describe.each(valueSets)("%s", (file) => {
    it("passes helm lint --strict", () => {
      const r = runHelm(["lint", "--strict", CHART, "--namespace", NAMESPACE, "--values", path.join(CHART, file)]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain("0 chart(s) failed");
      expect(r.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
    });

    it("renders objects that are valid for their Kubernetes API, with unique names", () => {
      const objects = objectsOf(file);
      expect(objects.length).toBeGreaterThan(10);
      for (const o of objects) expect(() => validate(o), `${o.kind}/${o.metadata?.name}`).not.toThrow();
      const ids = objects.map((o) => `${o.kind}/${o.metadata.name}`);
      expect(new Set(ids).size).toBe(ids.length);
      for (const o of objects) {
        expect(o.metadata.name.length).toBeLessThanOrEqual(63);
        expect(o.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      }
      // Everything stays in the release's namespace: no cluster-wide object.
      expect(objects.filter((o) => /^Cluster/.test(o.kind) || o.kind === "Namespace")).toEqual([]);
    });

    it("runs no container as root, with no privilege to gain, no capability and (but for the databases' data) a read-only root", () => {
      for (const { owner, spec } of podSpecs(objectsOf(file))) {
        const pod = spec.securityContext ?? {};
        for (const c of containersOf(spec)) {
          const where = `${owner.kind}/${owner.metadata.name}/${c.name}`;
          const sc = c.securityContext ?? {};
          expect(sc.runAsNonRoot ?? pod.runAsNonRoot, where).toBe(true);
          const uid = sc.runAsUser ?? pod.runAsUser;
          expect(typeof uid === "number" && uid > 0, `${where} runs as ${uid}`).toBe(true);
          expect(sc.allowPrivilegeEscalation, where).toBe(false);
          expect(sc.capabilities?.drop, where).toContain("ALL");
          expect(sc.capabilities?.add ?? [], where).toEqual([]);
          expect(sc.privileged ?? false, where).toBe(false);
          expect(sc.readOnlyRootFilesystem, where).toBe(true);
          expect(c.resources?.requests?.memory, `${where} memory request`).toMatch(/^\d+(Mi|Gi)$/);
          expect(c.resources?.limits?.memory, `${where} memory limit`).toMatch(/^\d+(Mi|Gi)$/);
        }
        expect(pod.seccompProfile?.type, owner.metadata.name).toBe("RuntimeDefault");
        // Every Service of the namespace (one per managed server) would add variables to every pod otherwise.
        expect(spec.enableServiceLinks, owner.metadata.name).toBe(false);
        expect(spec.hostNetwork ?? false).toBe(false);
        expect(spec.hostPID ?? false).toBe(false);
      }
    });

    it("gives only the worker a service account token, bound to a Role with exactly what it needs", () => {
      const objects = objectsOf(file);
      const worker = find(objects, "Deployment", `${FULLNAME}-worker`);
      for (const { owner, spec } of podSpecs(objects)) {
        if (owner === worker) continue;
        expect(spec.automountServiceAccountToken, owner.metadata.name).toBe(false);
      }
      const account = worker.spec.template.spec.serviceAccountName;
      expect(account).toBe(`${FULLNAME}-worker`);
      find(objects, "ServiceAccount", account);
      const roles = byKind(objects, "Role");
      expect(roles).toHaveLength(1);
      expect(roles[0]?.rules).toEqual(WORKER_RULES);
      const bindings = byKind(objects, "RoleBinding");
      expect(bindings).toHaveLength(1);
      expect(bindings[0]?.roleRef).toEqual({
        apiGroup: "rbac.authorization.k8s.io",
        kind: "Role",
        name: roles[0]?.metadata.name,
      });
      expect(bindings[0]?.subjects).toEqual([{ kind: "ServiceAccount", name: account, namespace: NAMESPACE }]);
    });

    it("runs the API, the worker and the web app as the issue describes", () => {
      const objects = objectsOf(file);
      const api = find(objects, "Deployment", `${FULLNAME}-api`).spec.template.spec.containers[0];
      // The image's entrypoint (tini) stays: the command goes in args.
      expect(api.command).toBeUndefined();
      expect(api.args).toEqual(["node", "--enable-source-maps", "dist/api.mjs"]);
      expect(api.ports).toEqual([{ name: "http", containerPort: 3001, protocol: "TCP" }]);
      expect(api.livenessProbe.httpGet.path).toBe("/healthz");
      expect(api.readinessProbe.httpGet.path).toBe("/readyz");
      const apiEnv = environment(objects, api);
      expect(apiEnv.API_HOST).toBe("0.0.0.0");
      expect(apiEnv.API_PORT).toBe("3001");
      expect(apiEnv.INSTANCE_RUNTIME).toBe("kubernetes");

      const worker = find(objects, "Deployment", `${FULLNAME}-worker`).spec.template.spec.containers[0];
      expect(worker.command).toBeUndefined();
      expect(worker.args).toEqual(["node", "--enable-source-maps", "dist/worker.mjs"]);
      const workerEnv = environment(objects, worker);
      expect(workerEnv.INSTANCE_RUNTIME).toBe("kubernetes");
      expect(workerEnv.INSTANCE_BIND_ADDRESS).toBe("0.0.0.0");
      expect(workerEnv.KUBERNETES_NAMESPACE).toBe("field:metadata.namespace");
      expect(workerEnv.KUBERNETES_SERVICE_TYPE).toMatch(/^(LoadBalancer|NodePort)$/);
      expect(workerEnv.KUBERNETES_PROSODY_IMAGE).toMatch(/prosody:[\w.-]+$/);
      expect(workerEnv.KUBERNETES_EJABBERD_IMAGE).toMatch(/ejabberd:[\w.-]+$/);
      expect(workerEnv.KUBERNETES_VOLUME_SIZE).toMatch(/^\d+(Mi|Gi)$/);
      expect(workerEnv.KUBERNETES_SERVER_UID).toBe("10001");
      expect(workerEnv.DATA_ROOT).toBe("/data");
      for (const env of [apiEnv, workerEnv]) {
        expect(env.SECRETS_KEY).toMatch(/^secret:/);
        expect(env.DATABASE_URL).toBeDefined();
        expect(env.REDIS_URL).toBeDefined();
      }

      const web = find(objects, "Deployment", `${FULLNAME}-web`).spec.template.spec.containers[0];
      expect(web.command).toEqual(["node", "server.mjs"]);
      expect(web.workingDir).toBe("/app/apps/web");
      expect(web.readinessProbe.httpGet.port).toBe("http");
      const webEnv = environment(objects, web);
      // The web app reaches the API through its Service, and holds no secret.
      const apiService = find(objects, "Service", `${FULLNAME}-api`);
      expect(webEnv.API_URL).toBe(`http://${apiService.metadata.name}:3001`);
      expect(apiService.spec.ports).toEqual([{ name: "http", port: 3001, targetPort: "http", protocol: "TCP" }]);
      expect(Object.values(webEnv).filter((v) => v.startsWith("secret:"))).toEqual([]);
    });

    it("keeps secrets out of ConfigMaps and refers only to Secrets, ConfigMaps and variables that exist", () => {
      const objects = objectsOf(file);
      for (const cm of byKind(objects, "ConfigMap")) {
        for (const key of SECRET_VARIABLES) expect(Object.keys(cm.data ?? {}), cm.metadata.name).not.toContain(key);
      }
      // The operator's own Secret, which the chart refers to without rendering it.
      const values = parse(readFileSync(path.join(CHART, file), "utf8"));
      const existingSecret: string | null = values.secrets?.existingSecret || null;
      const secrets = new Set(byKind(objects, "Secret").map((s) => s.metadata.name));
      for (const { owner, spec } of podSpecs(objects)) {
        for (const c of containersOf(spec)) {
          const defined = new Set<string>();
          for (const e of c.env ?? []) {
            const ref = e.valueFrom?.secretKeyRef;
            if (ref) {
              expect(secrets.has(ref.name) || ref.name === existingSecret, `${owner.metadata.name}: ${ref.name}`).toBe(
                true,
              );
              const secret = byKind(objects, "Secret").find((s) => s.metadata.name === ref.name);
              if (secret && !ref.optional) expect(Object.keys(secret.data ?? {}), `${ref.name}`).toContain(ref.key);
            }
            // $(VAR) only expands variables defined before it.
            for (const m of String(e.value ?? "").matchAll(/\$\((\w+)\)/g))
              expect(defined.has(m[1] as string), `${e.name} uses $(${m[1]}) before it is defined`).toBe(true);
            defined.add(e.name);
          }
          for (const from of c.envFrom ?? []) find(objects, "ConfigMap", from.configMapRef.name);
        }
      }
    });

    it("selects its pods with its Services, PDBs and HPAs, and routes the Ingress to ports that exist", () => {
      const objects = objectsOf(file);
      const pods = podSpecs(objects);
      for (const d of [...byKind(objects, "Deployment"), ...byKind(objects, "StatefulSet")])
        expect(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels), d.metadata.name).toBe(true);
      for (const svc of byKind(objects, "Service")) {
        const selected = pods.filter((p) => p.owner.kind !== "Job" && matches(svc.spec.selector, p.labels));
        expect(selected, svc.metadata.name).toHaveLength(1);
        const names = (selected[0]?.spec.containers ?? []).flatMap((c: any) => (c.ports ?? []).map((p: any) => p.name));
        for (const port of svc.spec.ports) expect(names, svc.metadata.name).toContain(port.targetPort);
      }
      for (const pdb of byKind(objects, "PodDisruptionBudget")) {
        expect(
          pods.filter((p) => matches(pdb.spec.selector.matchLabels, p.labels)),
          pdb.metadata.name,
        ).toHaveLength(1);
      }
      for (const hpa of byKind(objects, "HorizontalPodAutoscaler")) {
        const target = find(objects, "Deployment", hpa.spec.scaleTargetRef.name);
        expect(hpa.spec.scaleTargetRef.apiVersion).toBe("apps/v1");
        // The HPA owns the replica count.
        expect(target.spec.replicas).toBeUndefined();
        expect([`${FULLNAME}-api`, `${FULLNAME}-web`]).toContain(target.metadata.name);
      }
      for (const ing of byKind(objects, "Ingress")) {
        for (const rule of ing.spec.rules) {
          for (const p of rule.http.paths) {
            const svc = find(objects, "Service", p.backend.service.name);
            expect(
              svc.spec.ports.map((x: any) => x.name),
              p.path,
            ).toContain(p.backend.service.port.name);
          }
        }
      }
    });

    it("migrates the database in a Job that is a Helm hook, reading hook-time copies of its configuration", () => {
      const objects = objectsOf(file);
      const job = find(objects, "Job", `${FULLNAME}-migrations`);
      const hook = job.metadata.annotations?.["helm.sh/hook"];
      expect(hook).toMatch(/pre-upgrade/);
      expect(job.spec.template.spec.restartPolicy).toBe("Never");
      const container = job.spec.template.spec.containers[0];
      expect(container.command).toBeUndefined();
      expect(container.args.join(" ")).toContain("node_modules/.bin/prisma migrate deploy");
      // What the Job reads exists when it runs: made by hooks of lower weight and the same events, or the operator's.
      const weight = Number(job.metadata.annotations?.["helm.sh/hook-weight"]);
      for (const from of container.envFrom) {
        const cm = find(objects, "ConfigMap", from.configMapRef.name);
        expect(cm.metadata.annotations?.["helm.sh/hook"]).toBe(hook);
        expect(Number(cm.metadata.annotations?.["helm.sh/hook-weight"])).toBeLessThan(weight);
      }
      const env = environment(objects, container);
      const ref = /^secret:([^/]+)\//.exec(env.SECRETS_KEY ?? "")?.[1];
      const secret = byKind(objects, "Secret").find((s) => s.metadata.name === ref);
      if (secret) {
        expect(secret.metadata.annotations?.["helm.sh/hook"]).toBe(hook);
        expect(Number(secret.metadata.annotations?.["helm.sh/hook-weight"])).toBeLessThan(weight);
      } else {
        expect(ref).toBe("xmpp-host-secrets");
      }
      expect(env.PRISMA_SCHEMA_ENGINE_BINARY).toBe("/bin/true");
    });
  });
});

describe("ci/default-values.yaml: external databases, the chart's Secret", () => {
  const file = "ci/default-values.yaml";

  it("renders no database of its own, and a Secret with the given URLs and key", () => {
    const objects = objectsOf(file);
    expect(byKind(objects, "StatefulSet")).toEqual([]);
    const secret = find(objects, "Secret", FULLNAME);
    expect(decode(secret.data.SECRETS_KEY)).toBe("0".repeat(64));
    expect(decode(secret.data.DATABASE_URL)).toBe("postgresql://xmpphost:password@postgres.example.org:5432/xmpphost");
    expect(decode(secret.data.REDIS_URL)).toBe("redis://redis.example.org:6379");
    expect(Object.keys(secret.data).sort()).toEqual(["DATABASE_URL", "REDIS_URL", "SECRETS_KEY"]);
  });

  it("migrates before install and upgrade; no monitoring or network policy unless asked", () => {
    const objects = objectsOf(file);
    const job = find(objects, "Job", `${FULLNAME}-migrations`);
    expect(job.metadata.annotations?.["helm.sh/hook"]).toBe("pre-install,pre-upgrade");
    expect(job.spec.template.spec.initContainers).toBeUndefined();
    expect(byKind(objects, "ServiceMonitor")).toEqual([]);
    expect(byKind(objects, "NetworkPolicy")).toEqual([]);
  });

  it("serves the web app's host over the Ingress, HTTP-01 challenges to the worker, and autoscales the API and the web app", () => {
    const objects = objectsOf(file);
    const ingress = find(objects, "Ingress", FULLNAME);
    expect(ingress.spec.tls).toBeUndefined();
    expect(ingress.spec.rules[0].host).toBe("chat-admin.example.org");
    expect(ingress.spec.rules[0].http.paths[0].backend.service.name).toBe(`${FULLNAME}-web`);
    expect(ingress.spec.rules[1].host).toBeUndefined();
    expect(ingress.spec.rules[1].http.paths[0]).toMatchObject({
      path: "/.well-known/acme-challenge/",
      backend: { service: { name: `${FULLNAME}-worker`, port: { name: "acme" } } },
    });
    const hpas = byKind(objects, "HorizontalPodAutoscaler").map((h) => h.spec.scaleTargetRef.name);
    expect(hpas.sort()).toEqual([`${FULLNAME}-api`, `${FULLNAME}-web`]);
    const pdbs = byKind(objects, "PodDisruptionBudget").map((p) => p.metadata.name);
    expect(pdbs.sort()).toEqual([`${FULLNAME}-api`, `${FULLNAME}-web`, `${FULLNAME}-worker`]);
    // Backups on a volume both the API and the worker mount.
    const claim = find(objects, "PersistentVolumeClaim", `${FULLNAME}-backups`);
    expect(claim.spec.accessModes).toEqual(["ReadWriteMany"]);
    for (const name of ["api", "worker"]) {
      const spec = find(objects, "Deployment", `${FULLNAME}-${name}`).spec.template.spec;
      expect(spec.volumes).toContainEqual({
        name: "backups",
        persistentVolumeClaim: { claimName: claim.metadata.name },
      });
      expect(spec.containers[0].volumeMounts).toContainEqual({ name: "backups", mountPath: "/data/backups" });
    }
  });
});

describe("ci/trial-values.yaml: databases in the cluster, NodePorts, no TLS", () => {
  const file = "ci/trial-values.yaml";

  it("runs PostgreSQL and Redis as StatefulSets with volumes, and builds the URLs from their Secrets", () => {
    const objects = objectsOf(file);
    const names = byKind(objects, "StatefulSet").map((s) => s.metadata.name);
    expect(names.sort()).toEqual([`${FULLNAME}-postgresql`, `${FULLNAME}-redis`]);
    for (const s of byKind(objects, "StatefulSet")) {
      expect(s.spec.volumeClaimTemplates).toHaveLength(1);
      find(objects, "Service", s.spec.serviceName);
    }
    const redisArgs = find(objects, "StatefulSet", `${FULLNAME}-redis`).spec.template.spec.containers[0].args;
    expect(redisArgs.join(" ")).toContain("--maxmemory-policy noeviction");
    const worker = find(objects, "Deployment", `${FULLNAME}-worker`).spec.template.spec.containers[0];
    const env = environment(objects, worker);
    expect(env.POSTGRESQL_PASSWORD).toBe(`secret:${FULLNAME}-postgresql/password`);
    expect(env.DATABASE_URL).toBe(`postgresql://xmpphost:$(POSTGRESQL_PASSWORD)@${FULLNAME}-postgresql:5432/xmpphost`);
    expect(env.REDIS_URL).toBe(`redis://${FULLNAME}-redis:6379`);
    expect(decode(find(objects, "Secret", `${FULLNAME}-postgresql`).data.password)).toBe("trial-db-pass");
    expect(find(objects, "Secret", FULLNAME).data.DATABASE_URL).toBeUndefined();
    expect(env.KUBERNETES_SERVICE_TYPE).toBe("NodePort");
    // Servers' ports inside the node port range: their node ports are the ports DNS publishes.
    expect([env.INSTANCE_PORT_RANGE_START, env.INSTANCE_PORT_RANGE_END]).toEqual(["30000", "32767"]);
  });

  it("migrates after install (the database is part of the release), waits for it, and seeds the operator", () => {
    const objects = objectsOf(file);
    const job = find(objects, "Job", `${FULLNAME}-migrations`);
    expect(job.metadata.annotations?.["helm.sh/hook"]).toBe("post-install,pre-upgrade");
    expect(job.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(["wait-for-database"]);
    const container = job.spec.template.spec.containers[0];
    expect(container.args.join(" ")).toContain("node dist/seed.mjs");
    const env = environment(objects, container);
    expect(env.DEMO_OPERATOR_EMAIL).toBe("operator@trial.test");
    expect(env.DEMO_OPERATOR_PASSWORD).toBe(`secret:${FULLNAME}-migrations/DEMO_OPERATOR_PASSWORD`);
  });

  it("has an Ingress without TLS and no autoscaling", () => {
    const objects = objectsOf(file);
    expect(find(objects, "Ingress", FULLNAME).spec.tls).toBeUndefined();
    expect(byKind(objects, "HorizontalPodAutoscaler")).toEqual([]);
    expect(find(objects, "Deployment", `${FULLNAME}-api`).spec.replicas).toBe(1);
  });
});

describe("ci/production-values.yaml: an existing Secret, TLS, S3, monitoring and network policies", () => {
  const file = "ci/production-values.yaml";

  it("makes no Secret and no database, and reads every secret from the existing Secret", () => {
    const objects = objectsOf(file);
    expect(byKind(objects, "Secret")).toEqual([]);
    expect(byKind(objects, "StatefulSet")).toEqual([]);
    for (const name of ["api", "worker"]) {
      const c = find(objects, "Deployment", `${FULLNAME}-${name}`).spec.template.spec.containers[0];
      const refs = (c.env ?? [])
        .filter((e: any) => e.valueFrom?.secretKeyRef)
        .map((e: any) => e.valueFrom.secretKeyRef);
      expect(refs.map((r: any) => r.key).sort()).toEqual(
        [
          "CLOUDFLARE_API_TOKEN",
          "DATABASE_URL",
          "METRICS_TOKEN",
          "REDIS_URL",
          "RFC2136_TSIG_SECRET",
          "S3_ACCESS_KEY_ID",
          "S3_SECRET_ACCESS_KEY",
          "SECRETS_KEY",
          "SMTP_URL",
        ].sort(),
      );
      expect(new Set(refs.map((r: any) => r.name))).toEqual(new Set(["xmpp-host-secrets"]));
      const env = environment(objects, c);
      expect(env.BACKUP_STORE).toBe("s3");
      expect(env.S3_BUCKET).toBe("example-xmpp-backups");
    }
    expect(byKind(objects, "PersistentVolumeClaim")).toEqual([]);
  });

  it("terminates TLS at the Ingress and sends no ACME challenge to the worker with dns-01", () => {
    const objects = objectsOf(file);
    const ingress = find(objects, "Ingress", FULLNAME);
    expect(ingress.spec.tls).toEqual([{ hosts: ["chat-admin.example.org"], secretName: "chat-admin-tls" }]);
    expect(ingress.spec.ingressClassName).toBe("nginx");
    expect(ingress.spec.rules).toHaveLength(1);
    expect(objects.find((o) => o.kind === "Service" && o.metadata.name === `${FULLNAME}-worker`)).toBeUndefined();
  });

  it("scrapes the API's /metrics with the metrics token", () => {
    const objects = objectsOf(file);
    const monitors = byKind(objects, "ServiceMonitor");
    expect(monitors).toHaveLength(1);
    const sm = monitors[0] as K8sObject;
    expect(sm.metadata.labels?.release).toBe("kube-prometheus-stack");
    expect(
      matches(sm.spec.selector.matchLabels, find(objects, "Service", `${FULLNAME}-api`).metadata.labels ?? {}),
    ).toBe(true);
    expect(sm.spec.endpoints).toEqual([
      {
        port: "http",
        path: "/metrics",
        scheme: "http",
        interval: "30s",
        scrapeTimeout: "10s",
        authorization: { type: "Bearer", credentials: { name: "xmpp-host-secrets", key: "METRICS_TOKEN" } },
      },
    ]);
  });

  it("lets anyone reach the servers' public ports and only the worker the rest; the platform's pods only what they serve", () => {
    const objects = objectsOf(file);
    const policies = byKind(objects, "NetworkPolicy");
    const servers = find(objects, "NetworkPolicy", `${FULLNAME}-servers`);
    expect(servers.spec.podSelector.matchLabels).toEqual({
      "app.kubernetes.io/name": "xmpp-server",
      "app.kubernetes.io/part-of": "xmpp-host",
      "app.kubernetes.io/managed-by": "xmpp-host",
    });
    expect(servers.spec.policyTypes).toEqual(["Ingress"]);
    expect(servers.spec.ingress).toEqual([
      { ports: [{ protocol: "TCP", port: 20000, endPort: 29999 }] },
      {
        from: [
          {
            podSelector: {
              matchLabels: {
                "app.kubernetes.io/name": "xmpp-host",
                "app.kubernetes.io/instance": RELEASE,
                "app.kubernetes.io/component": "worker",
              },
            },
          },
        ],
      },
    ]);
    // The worker's selector is the worker's pods' labels.
    const workerLabels = find(objects, "Deployment", `${FULLNAME}-worker`).spec.template.metadata.labels;
    expect(matches(servers.spec.ingress[1].from[0].podSelector.matchLabels, workerLabels)).toBe(true);

    const api = find(objects, "NetworkPolicy", `${FULLNAME}-api`);
    expect(api.spec.ingress).toHaveLength(1);
    expect(api.spec.ingress[0].ports).toEqual([{ port: 3001, protocol: "TCP" }]);
    const webLabels = find(objects, "Deployment", `${FULLNAME}-web`).spec.template.metadata.labels;
    expect(matches(api.spec.ingress[0].from[0].podSelector.matchLabels, webLabels)).toBe(true);
    expect(api.spec.ingress[0].from[1].namespaceSelector.matchLabels).toEqual({
      "kubernetes.io/metadata.name": "monitoring",
    });
    // dns-01: nothing reaches the worker.
    expect(find(objects, "NetworkPolicy", `${FULLNAME}-worker`).spec.ingress).toEqual([]);
    expect(policies.map((p) => p.metadata.name).sort()).toEqual(
      [`${FULLNAME}-api`, `${FULLNAME}-servers`, `${FULLNAME}-web`, `${FULLNAME}-worker`].sort(),
    );
  });

  it("autoscales on CPU and memory from three replicas, and keeps two of each through disruptions", () => {
    const objects = objectsOf(file);
    for (const name of ["api", "web"]) {
      const hpa = find(objects, "HorizontalPodAutoscaler", `${FULLNAME}-${name}`);
      expect(hpa.spec.minReplicas).toBe(3);
      expect(hpa.spec.metrics.map((m: any) => m.resource.name).sort()).toEqual(["cpu", "memory"]);
      expect(find(objects, "PodDisruptionBudget", `${FULLNAME}-${name}`).spec).toMatchObject({ minAvailable: 2 });
    }
    expect(find(objects, "HorizontalPodAutoscaler", `${FULLNAME}-api`).spec.behavior.scaleDown).toEqual({
      stabilizationWindowSeconds: 300,
    });
  });
});

describe("values the operator must set", () => {
  it("fails rendering values.yaml alone, naming what is missing", () => {
    const r = template(null);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("platform.publicUrl is required");
  });

  it.each([
    ["platform.publicUrl=", "platform.publicUrl is required"],
    ["secrets.secretsKey=", "secrets.secretsKey is required (64 hex characters: openssl rand -hex 32)"],
    ["externalDatabase.url=", "externalDatabase.url is required"],
    ["externalRedis.url=", "externalRedis.url is required"],
    ["secrets.secretsKey=not-a-key", "secrets.secretsKey must be 64 hex characters"],
    ["postgresql.enabled=true", "postgresql.auth.password is required with postgresql.enabled"],
    ["migrations.seed.enabled=true,secrets.operatorPassword=x", "migrations.seed.operatorEmail is required"],
    ["migrations.seed.enabled=true,migrations.seed.operatorEmail=a@b.test", "secrets.operatorPassword is required"],
    ["servers.serviceType=ClusterIP", "servers.serviceType must be LoadBalancer or NodePort"],
    ["config.SMTP_URL=smtp://x", "SMTP_URL is a secret"],
    ["backups.store=s3", "backups.s3.bucket is required with backups.store s3"],
    ["ingress.tls.enabled=true", "ingress.tls.secretName is required"],
  ])("--set %s fails with its message", (set, message) => {
    const r = template("ci/default-values.yaml", [set]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(message);
  });

  it("takes an existing Secret instead of the key and the URLs", () => {
    const objects = render("ci/default-values.yaml", [
      "secrets.secretsKey=",
      "externalDatabase.url=",
      "externalRedis.url=",
      "secrets.existingSecret=mine",
    ]);
    expect(byKind(objects, "Secret")).toEqual([]);
    const api = find(objects, "Deployment", `${FULLNAME}-api`).spec.template.spec.containers[0];
    expect(environment(objects, api).DATABASE_URL).toBe("secret:mine/DATABASE_URL");
  });
});
