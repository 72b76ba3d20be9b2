import net from "node:net";
import tls from "node:tls";
import { selfSignedCertificate } from "@xmpp-host/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchServedCertificate, fingerprintOf } from "../src/index.ts";

/** A minimal XMPP server side of STARTTLS (RFC 6120 §5.4): header, features, proceed, TLS. */
function fakeXmppServer(cert: { certPem: string; keyPem: string }, offerStartTls = true): net.Server {
  return net.createServer((socket) => {
    let buf = "";
    socket.on("data", function onData(chunk) {
      buf += chunk.toString();
      if (buf.includes("<stream:stream") && !buf.includes("#features-sent")) {
        buf += "#features-sent";
        socket.write(
          "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='x' version='1.0'>" +
            `<stream:features>${offerStartTls ? "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>" : ""}` +
            "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>",
        );
      }
      if (buf.includes("<starttls")) {
        socket.off("data", onData);
        socket.write("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        const secure = new tls.TLSSocket(socket, { isServer: true, key: cert.keyPem, cert: cert.certPem });
        secure.on("error", () => {});
      }
    });
    socket.on("error", () => {});
  });
}

describe("fetchServedCertificate", () => {
  const cert = selfSignedCertificate(["chat.example", "groups.chat.example"]);
  const servers: net.Server[] = [];
  const listen = async (s: net.Server) => {
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    return (s.address() as net.AddressInfo).port;
  };
  let port = 0;
  beforeAll(async () => {
    port = await listen(fakeXmppServer(cert));
  });
  afterAll(() => {
    for (const s of servers) s.close();
  });

  it("does STARTTLS and reads the leaf: fingerprint, names, expiry; trusted by the given CA", async () => {
    const s = await fetchServedCertificate({ host: "127.0.0.1", port, domain: "chat.example", caPem: cert.certPem });
    expect(s).toMatchObject({ authorized: true, fingerprint: fingerprintOf(cert.certPem) });
    expect(s.subjectAltNames).toEqual(["chat.example", "groups.chat.example"]);
    expect(s.notAfter.getTime()).toBeGreaterThan(Date.now());
  });

  it("reports an untrusted chain and a name the certificate does not cover, without failing", async () => {
    const untrusted = await fetchServedCertificate({ host: "127.0.0.1", port, domain: "chat.example" });
    expect(untrusted.authorized).toBe(false);
    expect(untrusted.authorizationError).toMatch(/SELF_SIGNED|self[- ]signed/i);
    const wrongName = await fetchServedCertificate({
      host: "127.0.0.1",
      port,
      domain: "other.example",
      caPem: cert.certPem,
    });
    expect(wrongName.authorized).toBe(false);
    expect(wrongName.authorizationError).toMatch(/other\.example/);
    expect(wrongName.fingerprint).toBe(fingerprintOf(cert.certPem));
  });

  it("fails clearly without STARTTLS, on a closed port and on a silent server", async () => {
    const noTls = await listen(fakeXmppServer(cert, false));
    await expect(fetchServedCertificate({ host: "127.0.0.1", port: noTls, domain: "chat.example" })).rejects.toThrow(
      /does not offer STARTTLS/,
    );
    const silent = await listen(net.createServer(() => {}));
    await expect(
      fetchServedCertificate({ host: "127.0.0.1", port: silent, domain: "chat.example", timeoutMs: 300 }),
    ).rejects.toThrow(/within 300 ms/);
    const closed = await listen(net.createServer());
    servers.pop()?.close();
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetchServedCertificate({ host: "127.0.0.1", port: closed, domain: "chat.example" })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
