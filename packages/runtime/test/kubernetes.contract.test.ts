import { randomBytes } from "node:crypto";
import { describeRuntimeContract } from "../src/contract.ts";
import { KubernetesRuntime } from "../src/index.ts";
import { KubernetesApiStandIn } from "./support/kubernetes-api.ts";
import { freePorts, selfSignedCertificate, tempDir } from "./support/testing.ts";

// The same contract as the local runtime's, through the Kubernetes API (a local stand-in: see its header).
describeRuntimeContract("kubernetes, prosody", async () => {
  const tmp = tempDir("xh-k8s-");
  const api = new KubernetesApiStandIn({
    root: `${tmp.dir}/cluster`,
    images: { "xmpp-host/prosody:test": { user: 10001 } },
  });
  await api.start();
  const make = () =>
    new KubernetesRuntime({
      kubeConfig: api.kubeConfig(),
      namespace: "xmpp",
      images: { prosody: "xmpp-host/prosody:test", ejabberd: "xmpp-host/ejabberd:test" },
      socketDir: `${tmp.dir}/sockets`,
      serviceType: "NodePort",
      syncTimeoutMs: 20_000,
      startTimeoutMs: 20_000,
    });
  let n = 0;
  return {
    runtime: make(),
    reopen: make,
    async newSpec() {
      const [c2s, s2s, http] = await freePorts(3);
      if (!c2s || !s2s || !http) throw new Error("no free ports");
      n += 1;
      return {
        id: `k8s-${n}`,
        server: "prosody",
        ports: { c2s, s2s, http },
        bindAddress: "127.0.0.1",
        domains: [{ name: `k${n}.test`, registration: "closed" }],
        adminPassword: randomBytes(18).toString("base64url"),
      };
    },
    certificate: (host) => selfSignedCertificate([host, `*.${host}`]),
    async teardown() {
      await api.close();
      tmp.remove();
    },
  };
});
