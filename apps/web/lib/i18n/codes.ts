import type { Messages } from "./en";
import { formatBytes, formatNumber, interpolate, type Locale, plural } from "./format";

function pick(table: object, key: string): string | undefined {
  return (table as Record<string, string | undefined>)[key];
}

/** A health reason as the API gives it: a code, its raw values, and English words. */
export interface CodedReason {
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

type Params = Record<string, string | number | CodedReason[]>;

/**
 * The values of a reason or an alert in the reader's language, by their names' convention (docs/api.md):
 * milliseconds as seconds, bytes in kB/MB, days and hours with their plural, a probe step and a cause in words, reasons
 * worded.
 */
function formatParams(m: Messages, locale: Locale, params: Params): Record<string, string | number> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      out[key] = value.length ? value.map((r) => reasonText(m, locale, r)).join(" · ") : m.alerts.noAnswer;
    } else if (typeof value === "string") {
      // A probe step and a failing call's cause are codes: worded here.
      const words = key === "step" ? m.alerts.steps : key === "cause" ? m.alerts.causes : null;
      out[key] = (words && pick(words, value)) ?? value;
    } else if (/Ms$/.test(key)) {
      out[key] = `${formatNumber(locale, value / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;
    } else if (/^(bytes|limitBytes)$/.test(key)) {
      out[key] = formatBytes(locale, value);
    } else if (/^(days|limitDays)$/.test(key)) {
      out[key] = plural(locale, value, m.alerts.days);
    } else if (/^(hours|limitHours)$/.test(key)) {
      out[key] = plural(locale, value, m.alerts.hours);
    } else {
      out[key] = formatNumber(locale, value);
    }
  }
  return out;
}

/** The template with its values, or `otherwise` when a value it needs is missing (stored before it had values). */
function filled(template: string, values: Record<string, string | number>, otherwise: string): string {
  const text = interpolate(template, values);
  return /\{\w+\}/.test(text) ? otherwise : text;
}

/** An alert's title from its rule and subject; the API's English message for a rule newer than this dashboard. */
export function alertTitle(m: Messages, alert: { rule: string; subjectName: string; message: string }): string {
  const template = pick(m.alerts.rules, alert.rule);
  return template ? interpolate(template, { name: alert.subjectName }) : alert.message;
}

/**
 * What an alert says, with its measurements, from its code and values; its title when it has no code (opened
 * before alerts had codes), and the API's English message for a rule or code newer than this dashboard.
 */
export function alertMessage(
  m: Messages,
  locale: Locale,
  alert: { rule: string; subjectName: string; message: string; code?: string | null; params?: Params },
): string {
  const template = alert.code ? pick(m.alerts.messages, alert.code) : undefined;
  if (!template) return alertTitle(m, alert);
  const text = filled(template, { ...formatParams(m, locale, alert.params ?? {}), name: alert.subjectName }, "");
  return text || alertTitle(m, alert);
}

/**
 * A health reason from its code and values; an open alert in the fleet (`alert_<rule>`) by its title. The API's
 * English message for a code newer than this dashboard.
 */
export function reasonText(m: Messages, locale: Locale, reason: CodedReason): string {
  if (reason.code.startsWith("alert_")) {
    const title = pick(m.alerts.rules, reason.code.slice("alert_".length));
    return title ? interpolate(title, { name: String(reason.params?.name ?? "") }) : reason.message;
  }
  const template = pick(m.alerts.reasons, reason.code);
  return template ? filled(template, formatParams(m, locale, reason.params ?? {}), reason.message) : reason.message;
}
