import Link from "next/link";
import { AuditTable } from "../../../../components/audit-table";
import { Pager } from "../../../../components/pager";
import { buttonClass } from "../../../../components/ui/button";
import { Card, EmptyState, PageHeader } from "../../../../components/ui/card";
import { Alert, SelectField, TextField } from "../../../../components/ui/field";
import { asProblem } from "../../../../lib/api/problem";
import { must, serverApi } from "../../../../lib/api/server";
import { auditActionGroups, auditActionLabel } from "../../../../lib/audit";
import { interpolate } from "../../../../lib/i18n/format";
import { getI18n, titled } from "../../../../lib/i18n/server";

export const generateMetadata = titled((m) => m.audit.title);

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ACTION = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*\.?$/;
const TYPE = /^[a-z][a-z0-9_]{0,39}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The page's own filters, as its address carries them (what the form sends). */
interface Filters {
  person: string;
  action: string;
  resource: string;
  from: string;
  to: string;
}

/** "room", "ck3…", or "room:ck3…": a kind of resource, one resource, or both. */
function resourceQuery(text: string, knownTypes: string[]): { resourceType?: string; resourceId?: string } {
  const [left = "", right] = text.split(":", 2);
  if (right !== undefined) {
    return { ...(TYPE.test(left) ? { resourceType: left } : {}), ...(ID.test(right) ? { resourceId: right } : {}) };
  }
  if (knownTypes.includes(text)) return { resourceType: text };
  return ID.test(text) ? { resourceId: text } : {};
}

/** The day after `day` (YYYY-MM-DD), at midnight UTC: "until" includes its day. */
function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

/** The API's filters from the page's: values that cannot be right are left out, as if not given. */
function apiQuery(f: Filters, knownTypes: string[]) {
  return {
    ...(ID.test(f.person) ? { actorUserId: f.person } : {}),
    ...(ACTION.test(f.action) ? { action: f.action } : {}),
    ...resourceQuery(f.resource.trim(), knownTypes),
    ...(DAY.test(f.from) ? { from: `${f.from}T00:00:00.000Z` } : {}),
    ...(DAY.test(f.to) ? { to: dayAfter(f.to) } : {}),
  };
}

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenantId } = await params;
  const sp = await searchParams;
  const value = (key: string) => {
    const v = sp[key];
    return typeof v === "string" ? v.slice(0, 200) : "";
  };
  const filters: Filters = {
    person: value("person"),
    action: value("action"),
    resource: value("resource"),
    from: value("from"),
    to: value("to"),
  };
  const cursor = ID.test(value("cursor")) ? value("cursor") : undefined;
  const { m, locale } = await getI18n();
  const api = await serverApi();
  const query = apiQuery(filters, Object.keys(m.audit.resourceTypes));
  const [events, members] = await Promise.all([
    api.GET("/api/v1/tenants/{tenantId}/audit-events", {
      params: { path: { tenantId }, query: { limit: 50, ...query, ...(cursor ? { cursor } : {}) } },
    }),
    api.GET("/api/v1/tenants/{tenantId}/members", { params: { path: { tenantId }, query: { limit: 200 } } }),
  ]);
  // Filters the API refuses (an "until" before the "from") are said in words; anything else is the usual page.
  const refused = events.response.status === 400 && !cursor ? asProblem(events.error, 400) : null;
  const page = refused ? { items: [], nextCursor: null } : must(events);
  const people = must(members).items;
  const kept = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>;
  const filtered = Object.keys(kept).length > 0;
  const exportQuery = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const exportHref = (format: "csv" | "json") =>
    `/api/v1/tenants/${tenantId}/audit-events/export?${new URLSearchParams({ format, ...Object.fromEntries(exportQuery) })}`;
  const a = m.audit;

  return (
    <>
      <PageHeader
        title={a.title}
        lead={a.lead}
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={exportHref("csv")} download className={buttonClass("secondary", "sm")} data-export="csv">
              {a.exportCsv}
            </a>
            <a href={exportHref("json")} download className={buttonClass("secondary", "sm")} data-export="json">
              {a.exportJson}
            </a>
          </div>
        }
      />
      <Card className="mb-6">
        <search aria-label={a.filters}>
          <form method="get" action={`/t/${tenantId}/audit`}>
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              <SelectField id="person" label={a.person} defaultValue={filters.person}>
                <option value="">{a.anyone}</option>
                {people.map((p) => (
                  <option key={p.userId} value={p.userId}>
                    {p.name} ({p.email})
                  </option>
                ))}
              </SelectField>
              <SelectField id="action" label={a.action} defaultValue={filters.action}>
                <option value="">{a.anyAction}</option>
                {auditActionGroups(m).map((group) => (
                  <optgroup key={group.label} label={group.label}>
                    {group.group ? (
                      <option value={group.group}>{interpolate(a.allInGroup, { group: group.label })}</option>
                    ) : null}
                    {group.actions.map((action) => (
                      <option key={action} value={action}>
                        {auditActionLabel(m, action)}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </SelectField>
              <TextField
                id="resource"
                label={a.resourceFilter}
                hint={a.resourceHint}
                maxLength={200}
                defaultValue={filters.resource}
              />
              <TextField id="from" type="date" label={a.from} defaultValue={filters.from} />
              <TextField id="to" type="date" label={a.to} defaultValue={filters.to} />
            </div>
            <div className="mt-3 flex flex-wrap items-center gap-3">
              <button type="submit" className={buttonClass("primary", "sm")}>
                {a.apply}
              </button>
              {filtered ? (
                <Link href={`/t/${tenantId}/audit`} className="text-sm text-brand-700 underline">
                  {a.clear}
                </Link>
              ) : null}
            </div>
          </form>
        </search>
        <p className="mt-3 text-xs text-zinc-600">{a.exportNote}</p>
      </Card>
      {refused ? (
        <Alert>{refused.errors?.some((e) => e.field.endsWith("to")) ? a.badRange : a.badFilters}</Alert>
      ) : page.items.length === 0 ? (
        filtered ? (
          <EmptyState title={a.noMatchTitle} body={a.noMatchBody} />
        ) : (
          <EmptyState title={a.emptyTitle} body={a.emptyBody} />
        )
      ) : (
        <Card>
          <AuditTable
            items={page.items}
            m={m}
            locale={locale}
            historyHref={(r) => `/t/${tenantId}/audit?${new URLSearchParams({ resource: `${r.type}:${r.id}` })}`}
          />
          <Pager nextCursor={page.nextCursor} query={kept} />
        </Card>
      )}
    </>
  );
}
