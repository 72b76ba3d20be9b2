export * from "./channel.ts";
export * from "./email.ts";
export * from "./outbound.ts";
export * from "./webhook.ts";

import type { NotificationChannel } from "./channel.ts";
import { EmailChannel } from "./email.ts";
import { AddressPolicy, checkDestination, OutboundRefusedError, type Resolve } from "./outbound.ts";
import { WebhookChannel } from "./webhook.ts";

export interface ChannelSettings {
  smtpUrl?: string | undefined;
  emailFrom: string;
  allowUnauthorizedSmtpTls?: boolean;
  /** ALERT_WEBHOOK_ALLOW: addresses and CIDR ranges webhooks may reach although they are not public. */
  webhookAllow?: readonly string[];
  /** How webhook hosts are resolved, at save time and at send time; the system resolver by default. */
  webhookResolve?: Resolve;
}

/** The allowed non-public targets; none unless the settings name some (each app passes ALERT_WEBHOOK_ALLOW). */
export function webhookAllowOf(settings: Pick<ChannelSettings, "webhookAllow">): readonly string[] {
  return settings.webhookAllow ?? [];
}

/**
 * Checks a webhook URL before it is saved: http or https, and a host whose every address is public or
 * allowed. Throws OutboundRefusedError otherwise. (Sending checks again, against the address it connects to.)
 */
export async function checkWebhookTarget(
  url: URL,
  settings: Pick<ChannelSettings, "webhookAllow" | "webhookResolve">,
): Promise<void> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OutboundRefusedError(`${url.protocol} is not http or https`);
  }
  await checkDestination(url, new AddressPolicy(webhookAllowOf(settings)), settings.webhookResolve);
}

/** Builds the channel for a stored row; the secret must already be unsealed. */
export function channelFor(
  row: { kind: string; target: string },
  secret: string | null,
  settings: ChannelSettings,
): NotificationChannel {
  if (row.kind === "email") {
    if (!settings.smtpUrl) throw new Error("email alerts need SMTP_URL");
    return new EmailChannel({
      smtpUrl: settings.smtpUrl,
      from: settings.emailFrom,
      to: row.target,
      ...(settings.allowUnauthorizedSmtpTls ? { allowUnauthorizedTls: true } : {}),
    });
  }
  if (row.kind === "webhook") {
    if (!secret) throw new Error("the webhook channel has no secret");
    return new WebhookChannel({
      url: row.target,
      secret,
      allow: webhookAllowOf(settings),
      ...(settings.webhookResolve ? { resolve: settings.webhookResolve } : {}),
    });
  }
  throw new Error(`unknown channel kind ${row.kind}`);
}
