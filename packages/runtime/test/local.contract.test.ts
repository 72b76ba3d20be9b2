import { describeRuntimeContract } from "../src/contract.ts";
import { LocalRuntime } from "../src/index.ts";
import { freePorts, selfSignedCertificate, tempDir } from "./support/testing.ts";

describeRuntimeContract("local", async () => {
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
        id: `contract-${n}`,
        server: "prosody",
        ports: { c2s, s2s, http },
        bindAddress: "127.0.0.1",
        domains: [{ name: `c${n}.test`, registration: "closed" }],
      };
    },
    certificate: (host) => selfSignedCertificate([host, `*.${host}`]),
    async teardown() {
      tmp.remove();
    },
  };
});
