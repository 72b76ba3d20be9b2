// Baseline for bench:provision: XEP-0133 add-user over one XMPP connection as a server admin, with
// @xmpp/client. Run by bench/provision.ts with NODE_EXTRA_CA_CERTS set so STARTTLS trusts the test CA.
// usage: tsx bench/xep0133.ts HOST PORT DOMAIN ADMIN_LOCALPART ADMIN_PASSWORD COUNT IN_FLIGHT
import { client, xml } from "@xmpp/client";

const [host, port, domain, username, password, countArg, inFlightArg] = process.argv.slice(2);
const count = Number(countArg);
const inFlight = Number(inFlightArg ?? "1");
const NODE = "http://jabber.org/protocol/admin#add-user";

const xmpp = client({ service: `xmpp://${host}:${port}`, domain, username, password, resource: "bench" });
xmpp.on("error", () => undefined);
const loginStarted = performance.now();
await xmpp.start();
const loginMs = performance.now() - loginStarted;
// Nagle plus delayed ACK costs ~40 ms per round trip otherwise.
(xmpp as unknown as { socket?: { socket?: { setNoDelay?: (v: boolean) => void } } }).socket?.socket?.setNoDelay?.(true);

async function addUser(i: number, prefix: string): Promise<void> {
  const jid = `${prefix}${i}@${domain}`;
  const first = await xmpp.iqCaller.request(
    xml(
      "iq",
      { type: "set", to: domain },
      xml("command", { xmlns: "http://jabber.org/protocol/commands", node: NODE, action: "execute" }),
    ),
    30_000,
  );
  const sessionid = first.getChild("command")?.attrs.sessionid as string;
  const field = (v: string, value: string) => xml("field", { var: v }, xml("value", {}, value));
  const done = await xmpp.iqCaller.request(
    xml(
      "iq",
      { type: "set", to: domain },
      xml(
        "command",
        { xmlns: "http://jabber.org/protocol/commands", node: NODE, sessionid },
        xml(
          "x",
          { xmlns: "jabber:x:data", type: "submit" },
          field("FORM_TYPE", "http://jabber.org/protocol/admin"),
          field("accountjid", jid),
          field("password", "river-stone-42"),
          field("password-verify", "river-stone-42"),
        ),
      ),
    ),
    30_000,
  );
  const status = done.getChild("command")?.attrs.status;
  if (status !== "completed") throw new Error(`add-user ${jid}: ${done.toString()}`);
}

async function run(prefix: string, parallel: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await addUser(next++, prefix);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

const sequentialPerSec = await run("seq", 1);
const parallelPerSec = inFlight > 1 ? await run("par", inFlight) : null;
await xmpp.stop();
console.log(JSON.stringify({ loginMs, sequentialPerSec, parallelPerSec }));
