import type { Messages } from "./en";
import { interpolate } from "./format";

function pick(table: object, key: string): string | undefined {
  return (table as Record<string, string | undefined>)[key];
}

/** An alert's title from its rule and subject; the API's English message for a rule newer than this dashboard. */
export function alertTitle(m: Messages, alert: { rule: string; subjectName: string; message: string }): string {
  const template = pick(m.alerts.rules, alert.rule);
  return template ? interpolate(template, { name: alert.subjectName }) : alert.message;
}

/** A health reason from its code, where the words need no measurement; else the API's English message. */
export function reasonText(m: Messages, reason: { code: string; message: string }): string {
  return pick(m.alerts.reasons, reason.code) ?? reason.message;
}
