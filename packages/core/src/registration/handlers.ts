import type { OperationHandlers } from "../operations/handler.ts";

/**
 * Tells the applicant the decision on their sign-up, in English and French (their language is not known). Sent once
 * per run: a retry after a failed send sends again, which is better than never.
 */
export const registrationHandlers = {
  "signup.notify": {
    run: async (ctx, op) => {
      const signup = await ctx.db.signupRequest.findUnique({
        where: { id: op.resourceId },
        include: { domain: { select: { name: true } } },
      });
      if (!signup?.email) return { emailed: false, reason: "no such sign-up, or no address" };
      if (signup.status === "pending") return { emailed: false, reason: "not decided yet" };
      const jid = `${signup.localpart}@${signup.domain.name}`;
      const approved = signup.status === "approved";
      const reason = !approved && signup.reason ? signup.reason : null;
      const sent = await ctx.services.sendEmail({
        to: signup.email,
        subject: approved
          ? `Your account ${jid} is ready / Votre compte ${jid} est prêt`
          : `Your sign-up for ${jid} was not accepted / Votre inscription pour ${jid} n'a pas été acceptée`,
        text: [
          approved
            ? `An admin of ${signup.domain.name} accepted your sign-up: sign in to ${jid} with the password you chose.`
            : `The admins of ${signup.domain.name} did not accept your sign-up for ${jid}.`,
          ...(reason ? [`Their reason: ${reason}`] : []),
          "",
          approved
            ? `Un admin de ${signup.domain.name} a accepté votre inscription : connectez-vous à ${jid} avec le mot de passe choisi.`
            : `Les admins de ${signup.domain.name} n'ont pas accepté votre inscription pour ${jid}.`,
          ...(reason ? [`Leur raison : ${reason}`] : []),
        ].join("\n"),
        headers: { "X-Signup-Id": signup.id },
      });
      return sent ? { emailed: true } : { emailed: false, reason: "no SMTP server is configured" };
    },
  },
} satisfies OperationHandlers<"signup.notify">;
