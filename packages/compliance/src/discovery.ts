/** The tests that read what the server announces: stream features, service discovery, and a few plain IQs. */
import { NS, saslMechanisms, xmlChild, xmlChildren, xmppConnect } from "@xmpp-host/xmpp/client";
import {
  type CheckContext,
  type Discovery,
  describeError,
  fail,
  featureSet,
  hasIdentity,
  NS_DISCO_INFO,
  type Outcome,
  pass,
} from "./context.ts";

/** A feature announced on the account or on the domain (servers differ in where they put it). */
function announced(d: Discovery, feature: string, where: "account" | "server" | "either"): Outcome {
  const onAccount = where !== "server" && featureSet(d.accountInfo).has(feature);
  const onServer = where !== "account" && featureSet(d.serverInfo).has(feature);
  if (onAccount || onServer) return pass(`${feature} announced on the ${onAccount ? "account" : "server"}`);
  const place = where === "either" ? "account or server" : where;
  return fail(`${feature} is not announced in the ${place}'s disco#info`);
}

/** A stream feature announced after TLS (before or after login). */
function streamFeature(d: Discovery, name: string, ns: string): Outcome {
  for (const [when, features] of [
    ["after login", d.featuresAfterAuth],
    ["before login", d.featuresAfterTls],
  ] as const) {
    if (xmlChild(features, name, ns)) return pass(`<${name} xmlns='${ns}'/> in the stream features ${when}`);
  }
  return fail(`no <${name} xmlns='${ns}'/> in the stream features`);
}

const SCRAM = ["SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-512"];

export const discoveryTests = {
  "stream-features": async (ctx: CheckContext) => {
    const d = await ctx.discover();
    const starttls = xmlChild(d.featuresBeforeTls, "starttls", NS.tls);
    const before = saslMechanisms(d.featuresBeforeTls);
    const after = saslMechanisms(d.featuresAfterTls);
    const scram = after.filter((m) => SCRAM.includes(m));
    const evidence = `STARTTLS ${xmlChild(starttls, "required") ? "required" : "optional"}; SASL after TLS: ${after.join(", ") || "none"}`;
    if (!starttls) return fail("STARTTLS is not offered");
    if (!xmlChild(starttls, "required") && before.length > 0)
      return fail(`${evidence}; login is offered before TLS (${before.join(", ")})`);
    if (scram.length === 0) return fail(`${evidence}: no SCRAM mechanism`);
    return pass(evidence);
  },

  "tls-version": async (ctx: CheckContext) => {
    const d = await ctx.discover();
    const { protocol, cipher } = d.connection.tls;
    if (protocol !== "TLSv1.2" && protocol !== "TLSv1.3") return fail(`STARTTLS negotiated ${protocol}`);
    // Offer only TLS 1.0 and 1.1: the server must refuse.
    const legacy = await xmppConnect({
      ...ctx.endpoint(),
      rejectUnauthorized: false,
      tlsOptions: { minVersion: "TLSv1", maxVersion: "TLSv1.1", ciphers: "DEFAULT:@SECLEVEL=0" },
    }).then(
      (c) => {
        const got = c.tls.protocol;
        c.stream.drop();
        return got;
      },
      (err: unknown) => err,
    );
    if (typeof legacy === "string") return fail(`STARTTLS negotiated ${protocol}, but ${legacy} is accepted too`);
    const code = (legacy as { code?: string }).code ?? "";
    const refused =
      code === "ERR_SSL_NO_PROTOCOLS_AVAILABLE"
        ? "TLS 1.1 and older could not be offered from here"
        : "TLS 1.1 and older refused";
    return pass(`STARTTLS negotiated ${protocol} (${cipher}); ${refused}`, { tlsProtocol: protocol });
  },

  disco: async (ctx: CheckContext) => {
    const d = await ctx.discover();
    if (!hasIdentity(d.serverInfo, "server", "im")) return fail("the domain's disco#info has no server/im identity");
    return pass(
      `disco#info: server/im with ${featureSet(d.serverInfo).size} features; disco#items: ${d.items.length} services`,
    );
  },

  caps: async (ctx: CheckContext) => streamFeature(await ctx.discover(), "c", "http://jabber.org/protocol/caps"),

  pep: async (ctx: CheckContext) => {
    const d = await ctx.discover();
    const options = "http://jabber.org/protocol/pubsub#publish-options";
    if (!hasIdentity(d.accountInfo, "pubsub", "pep"))
      return fail("the account's disco#info has no pubsub/pep identity");
    if (!featureSet(d.accountInfo).has(options)) return fail(`pubsub/pep without ${options} (needed by OMEMO)`);
    return pass(`account: pubsub/pep identity and ${options}`);
  },

  "contact-addresses": async (ctx: CheckContext) => {
    const d = await ctx.discover();
    const form = xmlChildren(d.serverInfo, "x", "jabber:x:data").find((x) =>
      xmlChildren(x, "field").some(
        (f) => f.attrs.var === "FORM_TYPE" && xmlChild(f, "value")?.text === "http://jabber.org/network/serverinfo",
      ),
    );
    if (!form) return fail("no http://jabber.org/network/serverinfo form in the domain's disco#info");
    const values = (name: string) =>
      xmlChildren(
        xmlChildren(form, "field").find((f) => f.attrs.var === name),
        "value",
      ).map((v) => v.text);
    const abuse = values("abuse-addresses");
    const filled = xmlChildren(form, "field")
      .filter((f) => f.attrs.var !== "FORM_TYPE" && xmlChildren(f, "value").length > 0)
      .map((f) => f.attrs.var);
    if (abuse.length === 0)
      return fail(`serverinfo form without an abuse address (filled: ${filled.join(", ") || "none"})`);
    return pass(`serverinfo form: ${filled.join(", ")}`);
  },

  version: async (ctx: CheckContext) => {
    const d = await ctx.discover();
    const answer = await d.stream.iq("get", ctx.target.domain, "<query xmlns='jabber:iq:version'/>");
    const q = xmlChild(answer, "query", "jabber:iq:version");
    const name = xmlChild(q, "name")?.text;
    if (answer.attrs.type !== "result" || !name) return fail("jabber:iq:version is not answered");
    return pass(`${name} ${xmlChild(q, "version")?.text ?? ""}`.trim());
  },

  ping: async (ctx: CheckContext) => {
    const d = await ctx.discover();
    const t = performance.now();
    const answer = await d.stream.iq("get", ctx.target.domain, "<ping xmlns='urn:xmpp:ping'/>");
    if (answer.attrs.type !== "result") return fail("the server answered the ping with an error");
    return pass(`pong in ${Math.round((performance.now() - t) * 10) / 10} ms`);
  },

  "roster-versioning": async (ctx: CheckContext) =>
    streamFeature(await ctx.discover(), "ver", "urn:xmpp:features:rosterver"),

  muc: async (ctx: CheckContext) => {
    const d = await ctx.discover();
    const muc = d.items.filter((i) => hasIdentity(i.info, "conference", "text"));
    if (muc.length === 0) return fail("no conference/text service among the domain's disco#items");
    return pass(`group chat service ${muc.map((m) => m.jid).join(", ")}`);
  },

  "muc-mam": async (ctx: CheckContext) => {
    const d = await ctx.discover();
    const muc = d.items.find((i) => hasIdentity(i.info, "conference", "text"));
    if (!muc) return fail("no group chat service to ask");
    if (featureSet(muc.info).has("urn:xmpp:mam:2")) return pass(`${muc.jid} announces urn:xmpp:mam:2`);
    return roomArchive(ctx, muc.jid);
  },

  blocking: async (ctx: CheckContext) => announced(await ctx.discover(), "urn:xmpp:blocking", "either"),
  "vcard-temp": async (ctx: CheckContext) => announced(await ctx.discover(), "vcard-temp", "either"),
  "vcard4-conversion": async (ctx: CheckContext) =>
    announced(await ctx.discover(), "urn:xmpp:pep-vcard-conversion:0", "either"),
  bookmarks2: async (ctx: CheckContext) => announced(await ctx.discover(), "urn:xmpp:bookmarks:1#compat", "account"),
  "private-storage": async (ctx: CheckContext) => announced(await ctx.discover(), "jabber:iq:private", "either"),
  "stanza-id": async (ctx: CheckContext) => announced(await ctx.discover(), "urn:xmpp:sid:0", "either"),
  offline: async (ctx: CheckContext) => announced(await ctx.discover(), "msgoffline", "server"),
  csi: async (ctx: CheckContext) => streamFeature(await ctx.discover(), "csi", "urn:xmpp:csi:0"),
  push: async (ctx: CheckContext) => announced(await ctx.discover(), "urn:xmpp:push:0", "account"),

  "socks5-proxy": async (ctx: CheckContext) => {
    const d = await ctx.discover();
    const proxy = d.items.find((i) => hasIdentity(i.info, "proxy", "bytestreams"));
    if (proxy) return pass(`SOCKS5 proxy ${proxy.jid}`);
    return fail(
      "no SOCKS5 bytestream proxy among the domain's services: managed servers send files through HTTP upload instead (outside the 2023 suites, not counted in the score)",
    );
  },
} satisfies Record<string, (ctx: CheckContext) => Promise<Outcome>>;

/** A service that announces MAM only on its rooms: create a room, read its disco#info, destroy it. */
async function roomArchive(ctx: CheckContext, service: string): Promise<Outcome> {
  const { stream } = await ctx.login();
  const room = `compliance-${ctx.token()}@${service}`;
  const owner = "http://jabber.org/protocol/muc#owner";
  stream.send(`<presence to='${room}/check'><x xmlns='http://jabber.org/protocol/muc'/></presence>`);
  const joined = await stream.waitFor(
    (el) => el.name === "presence" && (el.attrs.from ?? "").startsWith(`${room}/`),
    ctx.timeoutMs,
    "room presence",
  );
  if (joined.attrs.type === "error") return fail(`could not create a room on ${service} to ask it`);
  try {
    // An instant room (XEP-0045 §10.1.2), so that it answers disco.
    await stream.query("set", room, `<query xmlns='${owner}'><x xmlns='jabber:x:data' type='submit'/></query>`);
    const info = xmlChild(await stream.query("get", room, `<query xmlns='${NS_DISCO_INFO}'/>`), "query", NS_DISCO_INFO);
    if (featureSet(info).has("urn:xmpp:mam:2")) return pass(`a new room on ${service} announces urn:xmpp:mam:2`);
    return fail(`neither ${service} nor a new room on it announces urn:xmpp:mam:2`);
  } catch (err) {
    return fail(`a new room on ${service} could not be asked: ${describeError(err)}`);
  } finally {
    await stream.iq("set", room, `<query xmlns='${owner}'><destroy/></query>`).catch(() => {});
  }
}
