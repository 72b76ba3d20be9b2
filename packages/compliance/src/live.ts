/** The tests that exercise a feature end to end as a client would, not just read that it is announced. */
import { turnAllocate } from "@xmpp-host/calls";
import { esc, type XmlElement, xmlChild, xmlChildren, xmlDescendants } from "@xmpp-host/xmpp/client";
import { type CheckContext, describeError, fail, featureSet, notApplicable, type Outcome, pass } from "./context.ts";
import { httpRequest } from "./web.ts";

const NS_CARBONS = "urn:xmpp:carbons:2";
const NS_FORWARD = "urn:xmpp:forward:0";
const NS_MAM = "urn:xmpp:mam:2";
const NS_UPLOAD = "urn:xmpp:http:upload:0";
const NS_EXTDISCO = "urn:xmpp:extdisco:2";

const bodyOf = (message: XmlElement | undefined) => xmlChild(message, "body")?.text;

export async function testDirectTls(ctx: CheckContext): Promise<Outcome> {
  const port = ctx.target.ports.directTls;
  if (port === undefined) return fail("no direct TLS port is known for this server");
  const { stream, tls } = await ctx.connect("direct", port);
  const mechanism = await stream.authenticate(ctx.target.account.username, ctx.target.account.password);
  const jid = await stream.bind(`check-tls-${ctx.token()}`);
  await stream.close();
  const details = { alpn: tls.alpn || "", tlsProtocol: tls.protocol ?? "", mechanism, jid };
  const where = `port ${port}: ${tls.protocol}`;
  if (tls.alpn && tls.alpn !== "xmpp-client") return fail(`${where}, but the server chose ALPN "${tls.alpn}"`, details);
  const alpn = tls.alpn ? `ALPN ${tls.alpn}` : "no ALPN protocol selected by the server";
  return pass(`${where}, ${alpn}, ${mechanism} login, bound ${jid}`, details);
}

export async function testDirectTlsSrv(ctx: CheckContext): Promise<Outcome> {
  const name = `_xmpps-client._tcp.${ctx.target.domain}`;
  const resolve = ctx.target.resolveSrv;
  if (!resolve) return notApplicable(`${name}: no DNS to ask for this check`);
  // "No such name" and "no such record" are answers: the record is missing.
  const records = await resolve(name).catch((err: { code?: string }) => {
    if (err.code === "ENOTFOUND" || err.code === "ENODATA") return [];
    throw err;
  });
  const port = ctx.target.ports.directTls;
  const list = records.map((r) => `${r.target}:${r.port}`).join(", ");
  if (records.length === 0) return fail(`${name} has no SRV record`);
  if (port === undefined) return fail(`${name} → ${list}, but the server has no direct TLS port`);
  if (!records.some((r) => r.port === port)) return fail(`${name} → ${list}, not the direct TLS port ${port}`);
  return pass(`${name} → ${list}`);
}

export async function testCarbons(ctx: CheckContext): Promise<Outcome> {
  // Online, as apps are: ejabberd copies only to resources that sent their presence.
  const [a, b] = await Promise.all([ctx.login({ presence: true }), ctx.login({ presence: true })]);
  for (const s of [a.stream, b.stream]) {
    const answer = await s.iq("set", undefined, `<enable xmlns='${NS_CARBONS}'/>`);
    if (answer.attrs.type !== "result") return fail(`enabling carbons was refused: ${errorText(answer)}`);
  }
  const token = ctx.token();
  // A local address nobody has: the copy is made as the message leaves, whatever becomes of it.
  const to = `compliance-peer-${token}@${ctx.target.domain}`;
  a.stream.send(
    `<message type='chat' to='${esc(to)}' id='c-${token}'><body>compliance check ${token}</body><no-store xmlns='urn:xmpp:hints'/></message>`,
  );
  const copy = await b.stream
    .waitFor(
      (el) =>
        el.name === "message" &&
        xmlDescendants(el, "sent", NS_CARBONS).some((sent) =>
          bodyOf(xmlChild(xmlChild(sent, "forwarded", NS_FORWARD), "message"))?.includes(token),
        ),
      ctx.timeoutMs,
      "carbon copy",
    )
    .catch(() => null);
  if (!copy) return fail(`${b.stream.jid} received no <sent/> copy of the message ${a.stream.jid} sent`);
  return pass(`${a.stream.jid} sent a chat message; ${b.stream.jid} received its <sent xmlns='${NS_CARBONS}'/> copy`);
}

export async function testMam(ctx: CheckContext): Promise<Outcome> {
  const { stream } = await ctx.login({ presence: true });
  const token = ctx.token();
  stream.send(
    `<message type='chat' to='${esc(ctx.bareJid)}' id='m-${token}'><body>compliance check ${token}</body></message>`,
  );
  // Delivered back to us: the server has routed it, so it is archived by now.
  await stream.waitFor(
    (el) => el.name === "message" && !!bodyOf(el)?.includes(token),
    ctx.timeoutMs,
    "message to self",
  );
  const queryid = `mam-${token}`;
  const answer = await stream.iq(
    "set",
    undefined,
    `<query xmlns='${NS_MAM}' queryid='${queryid}'><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>${NS_MAM}</value></field><field var='with'><value>${esc(ctx.bareJid)}</value></field></x><set xmlns='http://jabber.org/protocol/rsm'><max>20</max><before/></set></query>`,
  );
  const results = stream.take(
    (el) => el.name === "message" && xmlChildren(el, "result", NS_MAM).some((r) => r.attrs.queryid === queryid),
  );
  if (answer.attrs.type !== "result") return fail(`the MAM query (${NS_MAM}) was answered with ${errorText(answer)}`);
  const found = results.some((m) =>
    bodyOf(xmlChild(xmlChild(xmlChild(m, "result", NS_MAM), "forwarded", NS_FORWARD), "message"))?.includes(token),
  );
  if (!found) return fail(`the MAM query returned ${results.length} messages, none of them the one just sent`);
  return pass(`a message to ${ctx.bareJid} came back from a ${NS_MAM} query (${results.length} results)`);
}

function errorText(answer: XmlElement): string {
  const error = xmlChild(answer, "error");
  const condition = error?.children.find((c) => c.name !== "text")?.name ?? "an error";
  return `${condition}${error?.attrs.type ? ` (${error.attrs.type})` : ""}`;
}

export async function testUpload(ctx: CheckContext): Promise<Outcome> {
  const d = await ctx.discover();
  const service = d.items.find((i) => featureSet(i.info).has(NS_UPLOAD));
  if (!service) {
    const jids = d.items.map((i) => i.jid).join(", ") || "none";
    return fail(`no upload service (${NS_UPLOAD}) among the domain's services (${jids})`);
  }
  const token = ctx.token();
  const content = Buffer.from(`compliance check ${token}\n`, "utf8");
  const slot = await d.stream.iq(
    "get",
    service.jid,
    `<request xmlns='${NS_UPLOAD}' filename='compliance-${token}.txt' size='${content.length}' content-type='text/plain'/>`,
  );
  if (slot.attrs.type !== "result") return fail(`${service.jid} refused an upload slot: ${errorText(slot)}`);
  const s = xmlChild(slot, "slot", NS_UPLOAD);
  const put = xmlChild(s, "put", NS_UPLOAD);
  const getUrl = xmlChild(s, "get", NS_UPLOAD)?.attrs.url;
  if (!put?.attrs.url || !getUrl) return fail(`${service.jid} answered without PUT and GET URLs`);
  // Only these headers may be passed on from the slot (XEP-0363 §5).
  const headers: Record<string, string> = { "Content-Type": "text/plain", "Content-Length": String(content.length) };
  for (const h of xmlChildren(put, "header", NS_UPLOAD)) {
    const name = h.attrs.name ?? "";
    if (/^(authorization|cookie|expires)$/i.test(name)) headers[name] = h.text;
  }
  const stored = await httpRequest(ctx, put.attrs.url, { method: "PUT", headers, body: content });
  if (stored.status < 200 || stored.status > 299)
    return fail(`PUT ${origin(put.attrs.url)} answered HTTP ${stored.status}`);
  const back = await httpRequest(ctx, getUrl);
  if (back.status !== 200) return fail(`GET ${origin(getUrl)} answered HTTP ${back.status}`);
  if (!back.body.equals(content)) return fail(`GET ${origin(getUrl)} returned other bytes than were uploaded`);
  const plain = getUrl.startsWith("http:") ? " (plain HTTP)" : "";
  return pass(`${service.jid}: slot, PUT and GET of ${content.length} bytes at ${origin(getUrl)}${plain}`);
}

const origin = (url: string) => new URL(url).origin;

export async function testStreamManagement(ctx: CheckContext): Promise<Outcome> {
  const first = await ctx.login();
  if (!xmlChild(first.stream.features ?? undefined, "sm", "urn:xmpp:sm:3"))
    return fail("urn:xmpp:sm:3 is not offered in the stream features after login");
  const { id, resume } = await first.stream.enableSm(true).catch((err: unknown) => {
    throw new Error(`enabling stream management failed: ${describeError(err)}`);
  });
  if (!resume) return fail("stream management was enabled without resumption");
  await first.stream.query("get", ctx.target.domain, "<ping xmlns='urn:xmpp:ping'/>");
  const acked = await first.stream.acked();
  const handled = first.stream.sm?.handled ?? 0;
  first.stream.drop();
  const second = await ctx.connect();
  await second.stream.authenticate(ctx.target.account.username, ctx.target.account.password);
  const h = await second.stream.resumeSm(id, handled);
  await second.stream.query("get", ctx.target.domain, "<ping xmlns='urn:xmpp:ping'/>");
  return pass(
    `enabled with resumption, ${acked} stanza(s) acked, TCP connection dropped, resumed on a new connection (h=${h})`,
  );
}

export async function testExternalServices(ctx: CheckContext): Promise<Outcome> {
  const d = await ctx.discover();
  const answer = await d.stream.iq("get", ctx.target.domain, `<services xmlns='${NS_EXTDISCO}'/>`);
  if (answer.attrs.type !== "result") return fail(`${NS_EXTDISCO} services request answered with ${errorText(answer)}`);
  const services = xmlChildren(xmlChild(answer, "services", NS_EXTDISCO), "service");
  const listed = services.map((s) => `${s.attrs.type} ${s.attrs.host}:${s.attrs.port}/${s.attrs.transport ?? "?"}`);
  // TURN over UDP, which is what calls use first (and what the allocation below speaks).
  const turns = services.filter((s) => s.attrs.type === "turn");
  const turn = turns.find((s) => (s.attrs.transport ?? "udp") === "udp") ?? turns[0];
  if (!turn?.attrs.host || !turn.attrs.port)
    return fail(`the server announces no TURN service (${listed.join(", ") || "no services"})`);
  let { username, password } = turn.attrs;
  if (!username || !password) {
    // Credentials can be handed out on request only (XEP-0215 §3.2).
    const creds = await d.stream.query(
      "get",
      ctx.target.domain,
      `<credentials xmlns='${NS_EXTDISCO}'><service type='turn' host='${esc(turn.attrs.host)}' port='${esc(turn.attrs.port)}'/></credentials>`,
    );
    const c = xmlDescendants(creds, "service", NS_EXTDISCO)[0];
    username = c?.attrs.username;
    password = c?.attrs.password;
  }
  if (!username || !password) return fail(`no credentials for turn:${turn.attrs.host}:${turn.attrs.port}`);
  const relay = await turnAllocate({
    host: turn.attrs.host,
    port: Number(turn.attrs.port),
    username,
    password,
    timeoutMs: ctx.target.turnTimeoutMs ?? 5000,
  }).catch((err: unknown) => {
    throw new Error(`turn:${turn.attrs.host}:${turn.attrs.port}: ${describeError(err)}`);
  });
  return pass(`turn:${turn.attrs.host}:${turn.attrs.port} allocated relay ${relay.relayedAddress} in ${relay.ms} ms`);
}
