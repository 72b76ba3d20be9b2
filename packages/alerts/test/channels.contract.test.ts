import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, startWebhookReceiver } from "../../../tests/helpers/sinks.ts";
import {
  type AlertNotificationPayload,
  EmailChannel,
  type NotificationChannel,
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
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
channelContract("webhook (signed JSON)", async () => {
  hooks = await startWebhookReceiver();
  const receiver = hooks;
  return {
    fixture: {
      channel: new WebhookChannel({ url: receiver.url, secret: SECRET }),
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
      await new WebhookChannel({ url: receiver.url, secret: SECRET }).send(notification("n-sig"));
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
