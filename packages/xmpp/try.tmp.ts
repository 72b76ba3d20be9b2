import { LocalRuntime } from "@xmpp-host/runtime";
import { freePorts, selfSignedCertificate, tempDir } from "@xmpp-host/runtime/testing";
import { AdminSocketClient, ProsodyDriver } from "@xmpp-host/xmpp";

const { dir, remove } = tempDir();
const rt = new LocalRuntime({ dataRoot: dir });
const [c2s, s2s, http] = await freePorts(3);
const spec = {
  id: "i1",
  server: "prosody" as const,
  ports: { c2s: c2s!, s2s: s2s!, http: http! },
  bindAddress: "127.0.0.1",
  domains: [{ name: "a.test", registration: "invite" as const }],
};
const c = selfSignedCertificate(["a.test", "*.a.test"]);
await rt.writeCertificate("i1", "a.test", c.certPem, c.keyPem);
await rt.start(spec);
const d = new ProsodyDriver({ socketPath: rt.adminSocketPath("i1") });
await d.ping();
const raw = new AdminSocketClient({ socketPath: rt.adminSocketPath("i1"), timeoutMs: 2000 });
console.log(
  await raw.exec(
    `>local s = require"core.modulemanager".get_module("*","admin_shell").module:shared("/*/admin_socket/sessions"); local n = 0; for k, v in pairs(s) do n = n + 1 end; return n`,
  ),
);
console.log(
  await raw.exec(
    `>local s = require"core.modulemanager".get_module("*","admin_shell").module:shared("/*/admin_socket/sessions"); local n = 0; for k, v in pairs(s) do print(tostring(k), tostring(v), tostring(v.shell_session)) end; return n`,
  ),
);
await rt.stop("i1");
remove();
