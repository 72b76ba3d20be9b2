import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { AlertNotificationPayload, NotificationChannel } from "./channel.ts";
import { AddressPolicy, guardedLookup, hostOf, OutboundRefusedError, type Resolve } from "./outbound.ts";

export interface WebhookChannelOptions {
  url: string;
  /** The HMAC-SHA256 key shared with the receiver. */
  secret: string;
  timeoutMs?: number;
  /**
   * Addresses and CIDR ranges the webhook may reach although they are not public (ALERT_WEBHOOK_ALLOW).
   * Public addresses are always allowed; nothing else is.
   */
  allow?: readonly string[];
  /** How the host name is resolved before connecting; the system resolver by default. */
  resolve?: Resolve;
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

/**
 * POSTs the notification as JSON, signed. Any 2xx is delivery; anything else throws (and is retried).
 * The connection goes only to an address checked at connect time (see outbound.ts); redirects are not followed.
 */
export class WebhookChannel implements NotificationChannel {
  readonly kind = "webhook" as const;
  private readonly policy: AddressPolicy;
  constructor(private readonly opts: WebhookChannelOptions) {
    this.policy = new AddressPolicy(opts.allow);
  }

  async send(n: AlertNotificationPayload): Promise<void> {
    const url = new URL(this.opts.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new OutboundRefusedError(`${url.protocol} is not http or https`);
    }
    const host = hostOf(url);
    // Node resolves nothing for a literal IP, so the lookup below never sees it: check it here.
    if (isIP(host)) this.policy.check(host);
    const body = JSON.stringify(n);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const request = url.protocol === "https:" ? https.request : http.request;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          method: "POST",
          hostname: host,
          ...(url.port ? { port: Number(url.port) } : {}),
          path: `${url.pathname}${url.search}`,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "user-agent": "xmpp-host-alerts/1",
            [SIGNATURE_HEADER]: signWebhook(this.opts.secret, timestamp, body),
            [TIMESTAMP_HEADER]: timestamp,
            "x-notification-id": n.id,
          },
          lookup: guardedLookup(this.policy, this.opts.resolve),
          // A connection of its own: never a pooled socket, and nothing kept open afterwards.
          agent: false,
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
        },
        (res) => {
          res.on("error", reject);
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.resume();
        },
      );
      req.on("error", reject);
      req.end(body);
    });
    if (status < 200 || status >= 300) throw new Error(`webhook answered ${status}`);
  }
}
