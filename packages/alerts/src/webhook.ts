import { createHmac, timingSafeEqual } from "node:crypto";
import type { AlertNotificationPayload, NotificationChannel } from "./channel.ts";

export interface WebhookChannelOptions {
  url: string;
  /** The HMAC-SHA256 key shared with the receiver. */
  secret: string;
  timeoutMs?: number;
}

export const SIGNATURE_HEADER = "x-signature";
export const TIMESTAMP_HEADER = "x-timestamp";

/** sha256=<hex> of HMAC-SHA256(secret, "<timestamp>.<body>"). */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * Checks a received webhook: the signature matches and the timestamp (Unix seconds) is within
 * `toleranceSeconds` of now. Receivers should also drop repeated `id`s.
 */
export function verifyWebhook(opts: {
  secret: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  toleranceSeconds?: number;
  now?: number;
}): boolean {
  if (!opts.signature || !opts.timestamp || !/^\d+$/.test(opts.timestamp)) return false;
  const age = Math.abs((opts.now ?? Date.now()) / 1000 - Number(opts.timestamp));
  if (age > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(opts.secret, opts.timestamp, opts.body));
  const got = Buffer.from(opts.signature);
  return expected.length === got.length && timingSafeEqual(expected, got);
}

/** POSTs the notification as JSON, signed. Any 2xx is delivery; anything else throws (and is retried). */
export class WebhookChannel implements NotificationChannel {
  readonly kind = "webhook" as const;
  constructor(private readonly opts: WebhookChannelOptions) {}

  async send(n: AlertNotificationPayload): Promise<void> {
    const body = JSON.stringify(n);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(this.opts.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "xmpp-host-alerts/1",
        [SIGNATURE_HEADER]: signWebhook(this.opts.secret, timestamp, body),
        [TIMESTAMP_HEADER]: timestamp,
        "x-notification-id": n.id,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered ${res.status}`);
  }
}
