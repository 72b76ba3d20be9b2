import type { operations } from "./api/generated/schema";
import type { Messages } from "./i18n/en";
import { formatNumber, interpolate, type Locale } from "./i18n/format";

/** Every action the API's audit log records (an enum in its OpenAPI document, from core's catalogue). */
export type AuditAction =
  operations["listAuditActions"]["responses"][200]["content"]["application/json"]["items"][number];

/** The actions a change records itself; the others are `<operation type>.succeeded`, worded from the operation. */
export type RecordedAuditAction = Exclude<AuditAction, `${string}.succeeded`>;

/** What comes before an action's dot: the kind of thing it changes, one group of the action filter each. */
export type AuditActionGroup = RecordedAuditAction extends `${infer G}.${string}` ? G : never;

/** One entry as the API lists it. */
export type AuditEntry =
  operations["listAuditEvents"]["responses"][200]["content"]["application/json"]["items"][number];

function pick(table: object, key: string): string | undefined {
  return Object.hasOwn(table, key) ? (table as Record<string, string>)[key] : undefined;
}

/** Who did it, in words: a person, a person's API token, or the platform. */
export function auditActor(m: Messages, actor: AuditEntry["actor"]): string {
  const a = m.audit;
  if (actor.type === "platform") return a.platform;
  const name = actor.name ?? a.formerMember;
  if (actor.type === "token") {
    return actor.tokenName
      ? interpolate(a.viaToken, { name, token: actor.tokenName })
      : interpolate(a.viaRevokedToken, { name });
  }
  return name;
}

/** What the entry is about: its name, or what kind of thing it is when nothing names it any more. */
export function auditTarget(m: Messages, resource: AuditEntry["resource"]): string {
  return resource.name ?? pick(m.audit.resourceTypes, resource.type) ?? resource.type;
}

/** The operation an `<operation type>.succeeded` action reports, if it is one. */
function outcomeOf(action: string): string | undefined {
  return action.endsWith(".succeeded") ? action.slice(0, -".succeeded".length) : undefined;
}

/** The words for an action with its blanks left as "…": a choice in the filter, a column heading. */
export function auditActionLabel(m: Messages, action: string): string {
  const operation = outcomeOf(action);
  if (operation) {
    const label = pick(m.operations.types, operation) ?? operation;
    return interpolate(m.audit.succeeded, { operation: label, target: "…" });
  }
  const template = pick(m.audit.actions, action);
  return template ? template.replace(/\{\w+\}/g, "…") : action;
}

/** The values a sentence may use: the actor, the target, and the entry's data in the reader's language. */
function valuesOf(m: Messages, locale: Locale, entry: AuditEntry): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(entry.data)) {
    if (typeof value === "string" && value) values[key] = value;
    else if (typeof value === "number") values[key] = formatNumber(locale, value);
  }
  // A group chat's roles and affiliations (XMPP's words) are not the team's roles.
  const room = entry.action.startsWith("room.");
  const role = entry.data.role;
  if (typeof role === "string") {
    values.role = room ? (pick(m.audit.roomRoles, role) ?? role) : (pick(m.members.roles, role) ?? role).toLowerCase();
  }
  const affiliation = entry.data.affiliation;
  if (typeof affiliation === "string") values.affiliation = pick(m.audit.roomAffiliations, affiliation) ?? affiliation;
  if (typeof entry.data.format === "string") values.format = entry.data.format.toUpperCase();
  return { ...values, actor: auditActor(m, entry.actor), target: auditTarget(m, entry.resource), action: entry.action };
}

/**
 * The entry as a sentence in the reader's language ("Alice suspended bob@family.example"); an action newer than
 * this dashboard, or an old entry without the data its sentence needs, in a plain form with the action's name.
 */
export function auditSentence(m: Messages, locale: Locale, entry: AuditEntry): string {
  const values = valuesOf(m, locale, entry);
  const operation = outcomeOf(entry.action);
  const label = operation ? pick(m.operations.types, operation) : undefined;
  const template = operation
    ? label && interpolate(m.audit.succeeded, { operation: label })
    : pick(m.audit.actions, entry.action);
  const text = template ? interpolate(template, values) : "";
  return text && !/\{\w+\}/.test(text) ? text : interpolate(m.audit.generic, values);
}

/** The choices of the action filter: one group per resource, each with "all of them" first. */
export function auditActionGroups(m: Messages): { group: string; label: string; actions: string[] }[] {
  const groups = new Map<string, string[]>();
  const recorded = Object.keys(m.audit.actions);
  const outcomes = Object.keys(m.operations.types).map((type) => `${type}.succeeded`);
  for (const action of recorded) {
    const group = action.split(".")[0] ?? action;
    groups.set(group, [...(groups.get(group) ?? []), action]);
  }
  return [
    ...[...groups].map(([group, actions]) => ({
      group: `${group}.`,
      label: pick(m.audit.groups, group) ?? group,
      actions,
    })),
    { group: "", label: m.audit.outcomes, actions: outcomes },
  ];
}
