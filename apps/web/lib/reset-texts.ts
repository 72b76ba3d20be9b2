import type { Messages } from "./i18n/en";

/**
 * What the reset page says about a link that no longer works: by the status the API gives it (used, expired,
 * revoked) or by the code of the refusal a submission got (reset_link_used...). Undefined for anything else.
 */
export function goneTexts(m: Messages, status: string): { title: string; body: string } | undefined {
  switch (status.replace(/^reset_link_/, "")) {
    case "used":
      return { title: m.resetLink.usedTitle, body: m.resetLink.usedBody };
    case "expired":
      return { title: m.resetLink.expiredTitle, body: m.resetLink.expiredBody };
    case "revoked":
      return { title: m.resetLink.revokedTitle, body: m.resetLink.revokedBody };
    default:
      return undefined;
  }
}
