import { randomBytes } from "node:crypto";
import type { ServerName } from "@xmpp-host/xmpp";
import { describeRuntimeContract } from "../src/contract.ts";
import { LocalRuntime } from "../src/index.ts";
import { freePorts, selfSignedCertificate, tempDir } from "./support/testing.ts";

// The same contract for every server kind the local runtime runs.
for (const server of ["prosody", "ejabberd"] as const satisfies readonly ServerName[]) {
  describeRuntimeContract(`local, ${server}`, async () => {
    const tmp = tempDir();
    let n = 0;
    return {
      runtime: new LocalRuntime({ dataRoot: tmp.dir }),
      reopen: () => new LocalRuntime({ dataRoot: tmp.dir }),
      async newSpec() {
        const [c2s, s2s, http] = await freePorts(3);
        if (!c2s || !s2s || !http) throw new Error("no free ports");
        n += 1;
        return {
          id: `${server}-${n}`,
          server,
          ports: { c2s, s2s, http },
          bindAddress: "127.0.0.1",
          domains: [{ name: `c${n}.test`, registration: "closed" }],
          adminPassword: randomBytes(18).toString("base64url"),
        };
      },
      certificate: (host) => selfSignedCertificate([host, `*.${host}`]),
      async teardown() {
        tmp.remove();
      },
    };
  });
}
