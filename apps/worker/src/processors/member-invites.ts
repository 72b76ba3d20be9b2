import { sendEmail } from "@xmpp-host/alerts";
import { memberInviteStatus, memberInviteToEmail, memberInviteView } from "@xmpp-host/core";
import type { WorkerContext } from "../context.ts";

const roles = {
  owner: { en: "an owner", fr: "propriétaire" },
  admin: { en: "an admin", fr: "administrateur ou administratrice" },
  viewer: { en: "a viewer", fr: "lecteur ou lectrice" },
} as const;

/**
 * Sends a tenant invitation to the address it was made for, in English and French (the recipient's language is not
 * known). An invitation revoked, accepted or expired by the time this runs is not sent.
 */
export async function emailMemberInvite(ctx: WorkerContext, memberInviteId: string) {
  const found = await memberInviteToEmail(ctx.core, memberInviteId);
  const invite = found?.invite;
  const email = invite?.email;
  if (!found || !invite || !email) return { emailed: false, reason: "no such invitation, or no address" };
  const status = memberInviteStatus(invite);
  if (status !== "active") return { emailed: false, reason: `the invitation is ${status}` };
  if (!ctx.env.SMTP_URL) return { emailed: false, reason: "no SMTP server is configured: share the link instead" };
  const { url } = memberInviteView(ctx.core, invite);
  const who = found.inviterName ?? "Someone";
  const where = found.tenantName ?? "a chat space";
  const until = invite.expiresAt.toISOString().slice(0, 10);
  await sendEmail(
    { smtpUrl: ctx.env.SMTP_URL, from: ctx.env.EMAIL_FROM, allowUnauthorizedTls: !ctx.env.SMTP_TLS_VERIFY },
    {
      to: email,
      subject: `${who} invites you to help run “${where}” / ${who} vous invite à gérer « ${where} »`,
      text: [
        `${who} invites you to join “${where}” as ${roles[invite.role].en}.`,
        `Open this link to accept (sign up first if you have no account; it works until ${until}):`,
        url,
        "",
        `${who} vous invite à rejoindre « ${where} » en tant que ${roles[invite.role].fr}.`,
        `Ouvrez ce lien pour accepter (créez d'abord un compte si vous n'en avez pas ; valable jusqu'au ${until}) :`,
        url,
        "",
        "If you did not expect this, ignore this message. / Si vous ne vous y attendiez pas, ignorez ce message.",
      ].join("\n"),
      headers: { "X-Member-Invite-Id": invite.id },
    },
  );
  return { emailed: true };
}
