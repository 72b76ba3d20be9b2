export * from "./channel.ts";
export * from "./email.ts";
export * from "./webhook.ts";

import type { NotificationChannel } from "./channel.ts";
import { EmailChannel } from "./email.ts";
import { WebhookChannel } from "./webhook.ts";

export interface ChannelSettings {
  smtpUrl?: string | undefined;
  emailFrom: string;
  allowUnauthorizedSmtpTls?: boolean;
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
    return new WebhookChannel({ url: row.target, secret });
  }
  throw new Error(`unknown channel kind ${row.kind}`);
}
