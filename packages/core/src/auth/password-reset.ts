import { sendEmail } from "@xmpp-host/alerts";
import { audit } from "../audit.ts";
import type { Actor, CoreContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { PLATFORM_PASSWORD_MIN, requireStrongPassword } from "../passwords.ts";
import { hashPassword, randomToken, sha256 } from "../secrets.ts";

/** How long a "forgot password" link works. */
export const PASSWORD_RESET_TTL_MS = 3600_000;

export type MailLanguage = "en" | "fr";

/** The language of an Accept-Language header that the emails are written in: French or else English. */
export function mailLanguage(acceptLanguage: string | undefined): MailLanguage {
  const first = (acceptLanguage ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("fr") ? "fr" : "en";
}

type Message = { to: string; subject: string; text: string };

/** Sends one email through SMTP_URL, or null when the platform has no SMTP server configured. */
export function platformMailer(ctx: Pick<CoreContext, "settings">): ((message: Message) => Promise<void>) | null {
  const alerts = ctx.settings.alerts;
  const smtpUrl = alerts?.smtpUrl;
  if (!alerts || !smtpUrl) return null;
  return (message) =>
    sendEmail(
      {
        smtpUrl,
        from: alerts.emailFrom,
        ...(alerts.allowUnauthorizedSmtpTls ? { allowUnauthorizedTls: true } : {}),
      },
      message,
    );
}

function requireMailer(ctx: Pick<CoreContext, "settings">) {
  const mailer = platformMailer(ctx);
  if (!mailer)
    throw new AppError("unavailable", "this platform cannot send email (SMTP_URL is not set): ask an operator", {
      reason: "email_not_configured",
    });
  return mailer;
}

function resetLink(ctx: Pick<CoreContext, "settings">, token: string): string {
  return `${(ctx.settings.webPublicUrl ?? "http://localhost:3000").replace(/\/+$/, "")}/reset-password/${token}`;
}

function resetMail(lang: MailLanguage, to: string, name: string, link: string): Message {
  if (lang === "fr")
    return {
      to,
      subject: "Réinitialiser votre mot de passe",
      text: `Bonjour ${name},\n\nQuelqu’un (vous, sans doute) a demandé à réinitialiser le mot de passe de votre compte.\nPour choisir un nouveau mot de passe, ouvrez ce lien dans l’heure qui vient (il ne sert qu’une fois) :\n\n${link}\n\nSi vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.\n`,
    };
  return {
    to,
    subject: "Reset your password",
    text: `Hello ${name},\n\nSomeone (probably you) asked to reset the password of your account.\nTo choose a new password, open this link within the next hour (it works once):\n\n${link}\n\nIf you did not ask for this, ignore this message: your password stays the same.\n`,
  };
}

function restoredMail(lang: MailLanguage, to: string, name: string, operator: string, link: string): Message {
  if (lang === "fr")
    return {
      to,
      subject: "Votre accès a été rétabli",
      text: `Bonjour ${name},\n\n${operator}, opérateur de la plateforme, a rétabli l’accès à votre compte à votre demande :\nla connexion en deux étapes est désactivée et vos codes de secours ne fonctionnent plus.\nChoisissez un nouveau mot de passe avec ce lien, dans l’heure qui vient (il ne sert qu’une fois) :\n\n${link}\n\nPensez à réactiver la connexion en deux étapes ensuite.\nSi vous n’avez rien demandé, répondez à ce message sans attendre.\n`,
    };
  return {
    to,
    subject: "Your access has been restored",
    text: `Hello ${name},\n\n${operator}, an operator of the platform, restored access to your account at your request:\ntwo-step sign-in is now off and your recovery codes no longer work.\nChoose a new password with this link, within the next hour (it works once):\n\n${link}\n\nRemember to turn two-step sign-in back on afterwards.\nIf you did not ask for this, reply to this message at once.\n`,
  };
}

/**
 * "Forgot password": the same answer whether or not the address is registered. For a registered one, a link
 * (only its hash stored) and the email that carries it, which the caller sends without waiting so that both
 * answers take the same time. Refuses (unavailable) when no SMTP server is configured, for any address.
 */
export async function requestUserPasswordReset(
  ctx: CoreContext,
  input: { email: string; lang: MailLanguage },
): Promise<{ send: (() => Promise<void>) | null }> {
  const mailer = requireMailer(ctx);
  const email = input.email.trim().toLowerCase();
  const token = randomToken("", 32);
  const tokenHash = sha256(token);
  const user = await ctx.db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
  if (!user) return { send: null };
  await ctx.db.$transaction(async (tx) => {
    await tx.userPasswordReset.create({
      data: { userId: user.id, tokenHash, expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS) },
    });
    await audit(
      tx,
      { userId: user.id, isOperator: false },
      { tenantId: null, action: "user.password_reset_requested", resourceType: "user", resourceId: user.id },
    );
  });
  const message = resetMail(input.lang, user.email, user.name, resetLink(ctx, token));
  return { send: () => mailer(message) };
}

/**
 * Sets a new password with a link: once, within the hour (the link is taken in one conditional update, so two
 * uses at once cannot both succeed). Ends every session of the user and their other links.
 */
export async function resetUserPassword(ctx: CoreContext, token: string, password: string): Promise<void> {
  const tokenHash = sha256(token);
  const link = await ctx.db.userPasswordReset.findUnique({
    where: { tokenHash },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  if (!link) throw AppError.notFound("reset link");
  if (link.usedAt) throw new AppError("reset_link_used", "this link has already been used; ask for a new one");
  if (link.expiresAt <= new Date())
    throw new AppError("reset_link_expired", "this link has expired; ask for a new one");
  requireStrongPassword("password", password, {
    minLength: PLATFORM_PASSWORD_MIN,
    personal: [link.user.email, link.user.name],
    as: "422",
  });
  const passwordHash = await hashPassword(password);
  await ctx.db.$transaction(async (tx) => {
    const now = new Date();
    const taken = await tx.userPasswordReset.updateMany({
      where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (taken.count !== 1) throw new AppError("reset_link_used", "this link has already been used; ask for a new one");
    await tx.user.update({ where: { id: link.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: link.userId } });
    await tx.loginChallenge.deleteMany({ where: { userId: link.userId } });
    await tx.userPasswordReset.updateMany({ where: { userId: link.userId, usedAt: null }, data: { usedAt: now } });
    await audit(
      tx,
      { userId: link.userId, isOperator: false },
      {
        tenantId: null,
        action: "user.password_reset",
        resourceType: "user",
        resourceId: link.userId,
        data: link.createdById ? { restoredBy: link.createdById } : {},
      },
    );
  });
}

/**
 * An operator restores a locked-out user's access: two-step sign-in off, recovery codes gone, and a password
 * link sent by email, which also says what happened and who did it. Audited in the user's tenants.
 */
export async function restoreAccess(
  ctx: CoreContext,
  actor: Actor,
  userId: string,
  lang: MailLanguage,
): Promise<{ email: string }> {
  if (!actor.isOperator || actor.token)
    throw new AppError("forbidden", "only platform operators can restore access", { reason: "operators_only" });
  const mailer = requireMailer(ctx);
  const [user, operator] = await Promise.all([
    ctx.db.user.findUnique({ where: { id: userId }, include: { memberships: { select: { tenantId: true } } } }),
    ctx.db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true, email: true } }),
  ]);
  if (!user) throw AppError.notFound("user");
  const token = randomToken("", 32);
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { totpSecretEncrypted: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.loginChallenge.deleteMany({ where: { userId: user.id } });
    await tx.userPasswordReset.create({
      data: {
        userId: user.id,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS),
        createdById: actor.userId,
      },
    });
    const entry = {
      action: "user.password_reset_by_operator" as const,
      resourceType: "user",
      resourceId: user.id,
      data: { email: user.email, twoFactorWasOn: user.totpEnabledAt !== null },
    };
    await audit(tx, actor, { tenantId: null, ...entry });
    for (const m of user.memberships) await audit(tx, actor, { tenantId: m.tenantId, ...entry });
  });
  await mailer(
    restoredMail(lang, user.email, user.name, `${operator.name} <${operator.email}>`, resetLink(ctx, token)),
  );
  return { email: user.email };
}
