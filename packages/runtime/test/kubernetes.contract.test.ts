import { randomBytes } from "node:crypto";
import type { ServerName } from "@xmpp-host/xmpp";
import { describeRuntimeContract } from "../src/contract.ts";
import { KubernetesRuntime, lookupAccount } from "../src/index.ts";
import { KubernetesApiStandIn } from "./support/kubernetes-api.ts";
import { freePorts, selfSignedCertificate, tempDir } from "./support/testing.ts";

// The same contract as the local runtime's, through the Kubernetes API (a local stand-in: see its header), for each
// server kind. The stand-in's "images" are this machine's Debian packages, so a pod runs as the package's account.
for (const server of ["prosody", "ejabberd"] as const satisfies readonly ServerName[]) {
  describeRuntimeContract(`kubernetes, ${server}`, async () => {
    const tmp = tempDir("xh-k8s-");
    const uid = server === "ejabberd" ? (lookupAccount("ejabberd")?.uid ?? 0) : 10001;
    const image = `xmpp-host/${server}:test`;
    const api = new KubernetesApiStandIn({ root: `${tmp.dir}/cluster`, images: { [image]: { user: uid } } });
    await api.start();
    const make = () =>
      new KubernetesRuntime({
        kubeConfig: api.kubeConfig(),
        namespace: "xmpp",
        images: { prosody: "xmpp-host/prosody:test", ejabberd: "xmpp-host/ejabberd:test" },
        runAsUser: { [server]: uid },
        socketDir: `${tmp.dir}/sockets`,
        serviceType: "NodePort",
        syncTimeoutMs: 20_000,
        // The stand-in's pods share this machine's network: there is no cluster DNS for the Services' names.
        serviceAddress: () => "127.0.0.1",
        startTimeoutMs: 30_000,
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
          id: `k8s-${server}-${n}`,
          server,
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
}
