import nodemailer, { type Transporter } from "nodemailer";
import { type AlertNotificationPayload, type NotificationChannel, subjectLine, textBody } from "./channel.ts";

export interface EmailChannelOptions {
  /** smtp://user:pass@host:port or smtps://... */
  smtpUrl: string;
  from: string;
  to: string;
  /** Accept self-signed certificates of the SMTP server (tests, internal relays). */
  allowUnauthorizedTls?: boolean;
}

const transports = new Map<string, Transporter>();

function transportFor(opts: EmailChannelOptions): Transporter {
  const key = `${opts.smtpUrl}|${opts.allowUnauthorizedTls ? 1 : 0}`;
  let t = transports.get(key);
  if (!t) {
    const url = new URL(opts.smtpUrl);
    t = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
      secure: url.protocol === "smtps:",
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      ...(opts.allowUnauthorizedTls ? { tls: { rejectUnauthorized: false } } : {}),
    });
    transports.set(key, t);
  }
  return t;
}

/** Sends alerts as plain-text mail through an SMTP server (nodemailer). */
export class EmailChannel implements NotificationChannel {
  readonly kind = "email" as const;
  constructor(private readonly opts: EmailChannelOptions) {}

  async send(n: AlertNotificationPayload): Promise<void> {
    await transportFor(this.opts).sendMail({
      from: this.opts.from,
      to: this.opts.to,
      subject: subjectLine(n),
      text: textBody(n),
      headers: { "X-Alert-Id": n.alert.id, "X-Notification-Id": n.id, "X-Alert-Event": n.event },
    });
  }
}

/** One plain-text message to one person (tenant invitations), through the same pooled transport as alerts. */
export async function sendEmail(
  opts: Omit<EmailChannelOptions, "to">,
  message: { to: string; subject: string; text: string; headers?: Record<string, string> },
): Promise<void> {
  await transportFor({ ...opts, to: message.to }).sendMail({ from: opts.from, ...message });
}

/** Closes pooled SMTP connections (at shutdown). */
export function closeEmailTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}
