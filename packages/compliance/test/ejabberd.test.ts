import tls from "node:tls";
import { xmlChild, xmlChildren } from "@xmpp-host/xmpp/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ComplianceReport, formatComplianceTable, runComplianceCheck } from "../src/index.ts";
import {
  D,
  expectFullScore,
  HOST,
  type ManagedServer,
  startManagedServer,
  statusOf,
} from "./support/managed-server.ts";

describe("compliance check against a managed ejabberd", () => {
  let server: ManagedServer;
  let fresh: ComplianceReport;

  beforeAll(async () => {
    server = await startManagedServer("ejabberd");
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  }, 30_000);

  it("scores 100% of the applicable tests of every suite on a fresh server, live tests included", async () => {
    fresh = await runComplianceCheck(server.target);
    console.log(formatComplianceTable(fresh));
    expectFullScore(fresh);
    // Uploads go over HTTPS, like web clients need them.
    expect(fresh.results.find((r) => r.id === "http-upload")?.evidence).toContain(`https://share.${D}:`);
  });

  it("logs in on the direct TLS port, which selects no ALPN protocol (ejabberd 23.01 cannot)", async () => {
    const direct = fresh.results.find((r) => r.id === "direct-tls");
    expect(direct?.details).toMatchObject({ alpn: "", mechanism: expect.stringMatching(/^SCRAM-SHA-/) });
    expect(direct?.details?.jid).toMatch(new RegExp(`^alice@${D.replace(/\./g, "\\.")}/check-tls-`));
    expect(direct?.details?.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(direct?.evidence).toContain("no ALPN protocol selected");
    // From outside the checker: the handshake succeeds with xmpp-client offered, and the domain's own certificate is
    // chosen by name.
    const socket = tls.connect({
      host: HOST,
      port: server.target.ports.directTls as number,
      servername: D,
      ca: server.target.ca,
      ALPNProtocols: ["xmpp-client"],
    });
    await new Promise<void>((resolve, reject) => socket.once("secureConnect", resolve).once("error", reject));
    expect(socket.alpnProtocol).toBe(false);
    expect(socket.getPeerX509Certificate()?.checkHost(D)).toBe(D);
    socket.destroy();
  });

  it("keeps XEP-0048 private storage and XEP-0402 bookmarks in step, both ways", async () => {
    const { stream } = await server.session();
    const NS = "urn:xmpp:bookmarks:1";
    const privateGet = `<query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'/></query>`;
    const pepItems = async () => {
      const answer = await stream.query(
        "get",
        undefined,
        `<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='${NS}'/></pubsub>`,
      );
      return xmlChildren(xmlChild(xmlChild(answer, "pubsub"), "items"), "item");
    };
    const privateRooms = async () => {
      const answer = await stream.query("get", undefined, privateGet);
      return xmlChildren(xmlChild(xmlChild(answer, "query"), "storage"), "conference").map((c) => c.attrs.jid);
    };
    try {
      // An older client writes its list to private storage: the rooms appear as XEP-0402 items.
      await stream.query(
        "set",
        undefined,
        `<query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'><conference jid='one@groups.${D}' name='One' autojoin='true'><nick>al</nick></conference><conference jid='two@groups.${D}'/></storage></query>`,
      );
      const items = await pepItems();
      expect(items.map((i) => i.attrs.id).sort()).toEqual([`one@groups.${D}`, `two@groups.${D}`]);
      const one = xmlChild(
        items.find((i) => i.attrs.id === `one@groups.${D}`),
        "conference",
        NS,
      );
      expect(one?.attrs).toMatchObject({ name: "One", autojoin: "true" });
      expect(xmlChild(one, "nick")?.text).toBe("al");
      // A newer client removes one room and adds another: the older one reads the change from private storage.
      await stream.query(
        "set",
        undefined,
        `<pubsub xmlns='http://jabber.org/protocol/pubsub'><retract node='${NS}' notify='true'><item id='two@groups.${D}'/></retract></pubsub>`,
      );
      await stream.query(
        "set",
        undefined,
        `<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='${NS}'><item id='three@groups.${D}'><conference xmlns='${NS}' name='Three' autojoin='false'/></item></publish><publish-options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#publish-options</value></field><field var='pubsub#persist_items'><value>true</value></field><field var='pubsub#access_model'><value>whitelist</value></field></x></publish-options></pubsub>`,
      );
      expect((await privateRooms()).sort()).toEqual([`one@groups.${D}`, `three@groups.${D}`]);
      // Other private data is still mod_private's.
      await stream.query(
        "set",
        undefined,
        `<query xmlns='jabber:iq:private'><notes xmlns='x:test'>kept</notes></query>`,
      );
      const notes = await stream.query(
        "get",
        undefined,
        `<query xmlns='jabber:iq:private'><notes xmlns='x:test'/></query>`,
      );
      expect(xmlChild(xmlChild(notes, "query"), "notes")?.text).toBe("kept");
    } finally {
      await stream.close();
    }
  });

  it("publishes a vCard's photo as the account's PEP avatar (XEP-0398)", async () => {
    const { stream } = await server.session();
    // A 1×1 PNG.
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    try {
      await stream.query(
        "set",
        undefined,
        `<vCard xmlns='vcard-temp'><FN>Alice</FN><PHOTO><TYPE>image/png</TYPE><BINVAL>${png}</BINVAL></PHOTO></vCard>`,
      );
      const answer = await stream.query(
        "get",
        undefined,
        "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:avatar:metadata'/></pubsub>",
      );
      const items = xmlChildren(xmlChild(xmlChild(answer, "pubsub"), "items"), "item");
      const info = xmlChild(xmlChild(items[0], "metadata", "urn:xmpp:avatar:metadata"), "info");
      expect(info?.attrs).toMatchObject({ type: "image/png", bytes: String(Buffer.from(png, "base64").length) });
    } finally {
      await stream.close();
    }
  });

  it("fails MAM and group chat history, naming mod_mam, once the domain's history is off", async () => {
    await server.apply(
      server.withSettings((s) => {
        s.history.enabled = false;
      }),
    );
    let report: ComplianceReport;
    try {
      report = await runComplianceCheck(server.target);
    } finally {
      await server.apply(server.spec);
    }
    const changed = report.results.filter((r) => r.status !== statusOf(fresh, r.id)).map((r) => r.id);
    expect(changed.sort(), formatComplianceTable(report)).toEqual(["mam", "muc-mam", "stanza-id"]);
    expect(report.results.find((r) => r.id === "mam")?.fix?.module).toBe("mod_mam");
    expect(report.score).toBeLessThan(100);
  });

  it("is back to 100% once the server is restored", async () => {
    const report = await runComplianceCheck(server.target);
    expect(report.score, formatComplianceTable(report)).toBe(100);
  });
});
