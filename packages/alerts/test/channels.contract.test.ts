import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, startWebhookReceiver } from "../../../tests/helpers/sinks.ts";
import {
  type AlertNotificationPayload,
  EmailChannel,
  type NotificationChannel,
  OutboundRefusedError,
  type Resolve,
  verifyWebhook,
  WebhookChannel,
} from "../src/index.ts";

/** What a receiver saw: one entry per delivered message, with the fields every channel carries. */
interface Received {
  notificationId: string;
  text: string;
}

interface ChannelFixture {
  channel: NotificationChannel;
  received(): Received[];
  /** Makes the receiver refuse messages until restored. */
  refuse(on: boolean): void;
}

function notification(id: string, event: "opened" | "resolved" = "opened"): AlertNotificationPayload {
  return {
    id,
    event,
    alert: {
      id: "alert-1",
      rule: "instance_down",
      severity: "critical",
      subjectType: "instance",
      subjectId: "inst-1",
      subjectName: "family",
      tenantId: "tenant-1",
      message: "family is down: The server process is not running",
      openedAt: "2026-03-01T10:00:00.000Z",
      resolvedAt: event === "resolved" ? "2026-03-01T10:05:00.000Z" : null,
    },
  };
}

/** Every NotificationChannel must pass this suite against its real receiver. */
function channelContract(kind: string, setup: () => Promise<{ fixture: ChannelFixture; close(): Promise<void> }>) {
  describe(`NotificationChannel contract: ${kind}`, () => {
    let f: ChannelFixture;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ fixture: f, close } = await setup());
    });
    afterAll(async () => close?.());

    it("delivers one message per send, carrying the notification id and the alert text", async () => {
      const before = f.received().length;
      await f.channel.send(notification("n-1"));
      const got = f.received().slice(before);
      expect(got).toHaveLength(1);
      expect(got[0]?.notificationId).toBe("n-1");
      expect(got[0]?.text).toContain("family is down: The server process is not running");
    });

    it("tells opened from resolved", async () => {
      const before = f.received().length;
      await f.channel.send(notification("n-2", "resolved"));
      const [got] = f.received().slice(before);
      expect(got?.text).toMatch(/resolved/i);
    });

    it("rejects when the receiver refuses, so the job is retried", async () => {
      const before = f.received().length;
      f.refuse(true);
      try {
        await expect(f.channel.send(notification("n-3"))).rejects.toThrow();
      } finally {
        f.refuse(false);
      }
      expect(f.received()).toHaveLength(before);
    });
  });
}

channelContract("email (SMTP)", async () => {
  const sink = await startSmtpSink();
  const channel = new EmailChannel({ smtpUrl: sink.url, from: "alerts@platform.test", to: "ops@family.test" });
  return {
    fixture: {
      channel,
      received: () =>
        sink.received.map((m) => ({
          notificationId: m.raw.match(/^X-Notification-Id: (.*)$/im)?.[1]?.trim() ?? "",
          text: `${m.subject}\n${m.raw}`,
        })),
      refuse: (on) => {
        sink.state.reject = on;
      },
    },
    close: sink.close,
  };
});

const SECRET = "whsec_contract_secret";
const LOCAL = ["127.0.0.1"];
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
channelContract("webhook (signed JSON)", async () => {
  hooks = await startWebhookReceiver();
  const receiver = hooks;
  return {
    fixture: {
      // The receiver listens on loopback, which only an allow list (ALERT_WEBHOOK_ALLOW) opens.
      channel: new WebhookChannel({ url: receiver.url, secret: SECRET, allow: LOCAL }),
      received: () => receiver.received.map((r) => ({ notificationId: r.json.id, text: `${r.json.event} ${r.body}` })),
      refuse: (on) => {
        receiver.state.failWith = on ? 503 : 0;
      },
    },
    close: receiver.close,
  };
});

describe("webhook signatures", () => {
  it("signs timestamp and body with HMAC-SHA256; tampering, other keys and old timestamps fail", async () => {
    const receiver = await startWebhookReceiver();
    try {
      await new WebhookChannel({ url: receiver.url, secret: SECRET, allow: LOCAL }).send(notification("n-sig"));
      const [r] = receiver.received;
      const signature = r?.headers["x-signature"] as string;
      const timestamp = r?.headers["x-timestamp"] as string;
      expect(r?.headers["content-type"]).toBe("application/json");
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
      const body = r?.body ?? "";
      expect(verifyWebhook({ secret: SECRET, body, signature, timestamp })).toBe(true);
      expect(verifyWebhook({ secret: SECRET, body: body.replace("family", "f4mily"), signature, timestamp })).toBe(
        false,
      );
      expect(verifyWebhook({ secret: "other", body, signature, timestamp })).toBe(false);
      expect(verifyWebhook({ secret: SECRET, body, signature, timestamp, now: Date.now() + 3600_000 })).toBe(false);
    } finally {
      await receiver.close();
    }
  });
});

describe("webhook destinations", () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let port: string;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    port = new URL(receiver.url).port;
  });
  afterAll(async () => receiver?.close());

  /** A resolver whose answers the test changes, like a DNS server an attacker controls. */
  function zone(records: Record<string, string[]>): Resolve {
    return async (host) => (records[host] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  }

  it("refuses loopback, private and metadata addresses unless allowed, without connecting", async () => {
    const before = receiver.received.length;
    for (const url of [
      receiver.url,
      `http://localhost:${port}/hooks/alerts`,
      `http://2130706433:${port}/`,
      `http://0:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      "http://192.168.1.1/",
      "http://127.0.0.1:63799/",
      "http://127.0.0.1:54329/",
    ]) {
      const channel = new WebhookChannel({ url, secret: SECRET, timeoutMs: 2000 });
      await expect(channel.send(notification("n-refused")), url).rejects.toThrow(OutboundRefusedError);
    }
    expect(receiver.received).toHaveLength(before);
  });

  it("checks the address it connects to, so a name that rebinds to loopback is refused at send time", async () => {
    const records: Record<string, string[]> = { "hooks.rebind.test": ["93.184.216.34"] };
    const channel = new WebhookChannel({
      url: `http://hooks.rebind.test:${port}/hooks/alerts`,
      secret: SECRET,
      resolve: zone(records),
    });
    records["hooks.rebind.test"] = ["127.0.0.1"];
    const before = receiver.received.length;
    await expect(channel.send(notification("n-rebound"))).rejects.toThrow("127.0.0.1 (hooks.rebind.test)");
    // One refused address among public ones is enough to refuse.
    records["hooks.rebind.test"] = ["93.184.216.34", "127.0.0.1"];
    await expect(channel.send(notification("n-rebound"))).rejects.toThrow(OutboundRefusedError);
    expect(receiver.received).toHaveLength(before);
  });

  it("connects to the checked address with the URL's own Host", async () => {
    const channel = new WebhookChannel({
      url: `http://hooks.internal.test:${port}/hooks/alerts?k=1`,
      secret: SECRET,
      allow: LOCAL,
      resolve: zone({ "hooks.internal.test": ["127.0.0.1"] }),
    });
    await channel.send(notification("n-by-name"));
    const got = receiver.received.at(-1);
    expect(got?.json.id).toBe("n-by-name");
    expect(got?.headers.host).toBe(`hooks.internal.test:${port}`);
  });

  it("does not follow redirects", async () => {
    const redirector = http.createServer((req, res) => {
      req.resume();
      res.writeHead(307, { location: receiver.url }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/`;
      const before = receiver.received.length;
      await expect(
        new WebhookChannel({ url, secret: SECRET, allow: LOCAL }).send(notification("n-redirect")),
      ).rejects.toThrow("webhook answered 307");
      expect(receiver.received).toHaveLength(before);
    } finally {
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
    }
  });

  it("gives up after its timeout", async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
      const started = Date.now();
      await expect(
        new WebhookChannel({ url, secret: SECRET, allow: LOCAL, timeoutMs: 300 }).send(notification("n-slow")),
      ).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
