"use client";
import { type ReactNode, useRef, useState } from "react";
import { api } from "../../lib/api/client";
import {
  allowlistEntry,
  contactsOf,
  contactsText,
  cutsOff,
  fileChoices,
  historyChoices,
  MAX_ALLOWLIST,
  MAX_MEMBER_INVITES,
  MB,
  type Reach,
  type SettingName,
  type Settings,
  type SettingsPatch,
  type SettingsReply,
  toMb,
} from "../../lib/domain-settings";
import { useI18n } from "../../lib/i18n/client";
import type { Messages } from "../../lib/i18n/en";
import { formatBytes, interpolate, type Locale, plural } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { ActionForm } from "../action-form";
import { ActionOutcome } from "../action-outcome";
import { BrandHeader } from "../brand-header";
import { type ConfirmTexts, useConfirmation } from "../confirm-button";
import { ReadOnlyRegion } from "../read-only-region";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Alert, SelectField, TextAreaField, TextField } from "../ui/field";

type View = Pick<SettingsReply, "settings" | "defaults" | "changed" | "ceilings" | "logoUrl">;

interface Shared {
  domainId: string;
  domain: string;
  view: View;
  /** Owners and admins: the others see every value, with nothing to press. */
  canChange: boolean;
}

/**
 * State that starts from a value the server gave, and starts again from it whenever the server gives another (after a
 * save or a reset elsewhere refreshed the page), while what is being typed stays as long as the server's value does.
 */
function useSynced<T>(value: T): [T, (next: T | ((current: T) => T)) => void] {
  const key = JSON.stringify(value);
  const [state, setState] = useState(value);
  const [seen, setSeen] = useState(key);
  if (key !== seen) {
    setSeen(key);
    setState(value);
  }
  return [state, setState];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The settings among `names` whose draft differs from what is set: only what the person changed is sent. */
function changes<K extends SettingName>(
  names: readonly K[],
  draft: Pick<Settings, K>,
  current: Settings,
): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const name of names) if (!same(draft[name], current[name])) patch[name] = draft[name];
  return patch as SettingsPatch;
}

/** Text a person may leave empty: empty (or only spaces) means none. */
const orNull = (text: string | null) => (text?.trim() ? text : null);

/** One section's draft, its save and its resets to default. */
function useSection<K extends SettingName>(shared: Shared, names: readonly K[]) {
  const { settings } = shared.view;
  const current = Object.fromEntries(names.map((n) => [n, settings[n]])) as Pick<Settings, K>;
  const [draft, setDraft] = useSynced(current);
  const save = useAction();
  const resets = useAction();
  return {
    shared,
    draft,
    save,
    resets,
    set<N extends K>(name: N, value: Settings[N]) {
      setDraft((d) => ({ ...d, [name]: value }));
      save.field(name).onChange();
    },
    error: (name: SettingName) => save.field(name).error,
    /** What changed among the section's settings, as they are in the draft. */
    patch: () => changes(names, draft, settings),
  };
}
/** What the parts of every section share, whatever its settings. */
type Section = Pick<ReturnType<typeof useSection>, "shared" | "save" | "resets">;

/**
 * The section's fields in a form whose button sends what changed; read only, without buttons, for those who cannot
 * change them. The progress of the change (the server takes it live) shows under the button.
 */
function SettingsForm({
  section,
  send,
  before,
  children,
}: {
  section: Section;
  send: () => SettingsPatch;
  /** Runs first: false leaves the change unsent (a confirmation declined). */
  before?: () => Promise<boolean> | boolean;
  children: ReactNode;
}) {
  const { m } = useI18n();
  const [saved, setSaved] = useState(false);
  const { domainId, canChange } = section.shared;
  if (!canChange) {
    return (
      <ReadOnlyRegion>
        <div className="space-y-4">{children}</div>
      </ReadOnlyRegion>
    );
  }
  return (
    <ActionForm
      action={section.save}
      keeps
      variant="secondary"
      submit={m.app.save}
      before={before}
      send={() => {
        setSaved(false);
        return api.PATCH("/api/v1/domains/{domainId}/settings", { params: { path: { domainId } }, body: send() });
      }}
      onSent={() => setSaved(true)}
      after={saved && !section.save.operationId ? <Alert tone="success">{m.settings.saved}</Alert> : null}
    >
      <div className="space-y-5">{children}</div>
    </ActionForm>
  );
}

/**
 * One setting: its field and, once the domain changed it, what the default is, with a button that goes back to it.
 * `label` completes the button's name for screen readers, which list every "Reset to default" of the page.
 */
function Setting({
  section,
  name,
  label,
  defaultText,
  confirmReset,
  children,
}: {
  section: Section;
  name: SettingName;
  label: string;
  defaultText: string;
  /** Asked before going back to the default, when that cuts people off: false leaves the setting as it is. */
  confirmReset?: () => Promise<boolean> | boolean;
  children: ReactNode;
}) {
  const { m } = useI18n();
  const { domainId, view, canChange } = section.shared;
  const changed = view.changed.includes(name);
  return (
    <div className="space-y-2" data-setting={name} data-changed={changed ? "true" : "false"}>
      {children}
      {changed ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-700">
          <span data-default>{interpolate(m.settings.defaultIs, { value: defaultText })}</span>
          {canChange ? (
            <Button
              size="sm"
              variant="secondary"
              disabled={section.resets.pending}
              onClick={async () => {
                if (confirmReset && !(await confirmReset())) return;
                await section.resets.run(() =>
                  api.PATCH("/api/v1/domains/{domainId}/settings", {
                    params: { path: { domainId } },
                    body: { [name]: null },
                  }),
                );
              }}
            >
              {m.settings.reset}
              <span className="sr-only">: {label}</span>
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function Toggle({
  id,
  label,
  hint,
  error,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-3">
        <input
          id={id}
          name={id}
          type="checkbox"
          className="mt-0.5 h-5 w-5 shrink-0 accent-brand-600"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={described || undefined}
          aria-invalid={error ? true : undefined}
        />
        <label htmlFor={id} className="text-sm font-medium text-zinc-800">
          {label}
        </label>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="pl-8 text-xs text-zinc-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="pl-8 text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A section of the tab: its card, what it is about, its form, and what its resets came to. */
function SectionCard({
  id,
  title,
  lead,
  section,
  children,
}: {
  id: string;
  title: string;
  lead: ReactNode;
  section: Section;
  children: ReactNode;
}) {
  return (
    <div id={id} data-section={id}>
      <Card title={title}>
        <div className="space-y-4">
          <div className="space-y-2 text-sm text-zinc-700">{lead}</div>
          {children}
          <ActionOutcome action={section.resets} />
        </div>
      </Card>
    </div>
  );
}

function HistorySection(shared: Shared) {
  const { m, locale } = useI18n();
  const section = useSection(shared, ["historyEnabled", "historyRetention"] as const);
  const { draft } = section;
  const { defaults, ceilings } = shared.view;
  const onOff = (v: boolean) => (v ? m.settings.on : m.settings.off);
  return (
    <SectionCard
      id="history"
      title={m.settings.history.title}
      lead={<p>{m.settings.history.lead}</p>}
      section={section}
    >
      <SettingsForm section={section} send={section.patch}>
        <Setting
          section={section}
          name="historyEnabled"
          label={m.settings.history.enabled}
          defaultText={onOff(defaults.historyEnabled)}
        >
          <Toggle
            id="historyEnabled"
            label={m.settings.history.enabled}
            hint={m.settings.history.enabledHint}
            error={section.error("historyEnabled")}
            checked={draft.historyEnabled}
            onChange={(v) => section.set("historyEnabled", v)}
          />
        </Setting>
        <Setting
          section={section}
          name="historyRetention"
          label={m.settings.history.retention}
          defaultText={m.settings.retentions[defaults.historyRetention]}
        >
          <SelectField
            id="historyRetention"
            label={m.settings.history.retention}
            hint={
              <>
                {m.settings.history.retentionHint}
                {ceilings.maxDays !== null ? <> {plural(locale, ceilings.maxDays, m.settings.ceiling)}</> : null}
              </>
            }
            error={section.error("historyRetention")}
            value={draft.historyRetention}
            onChange={(e) => section.set("historyRetention", e.target.value as Settings["historyRetention"])}
          >
            {historyChoices(ceilings.maxDays, shared.view.settings.historyRetention).map((k) => (
              <option key={k} value={k}>
                {m.settings.retentions[k]}
              </option>
            ))}
          </SelectField>
        </Setting>
      </SettingsForm>
    </SectionCard>
  );
}

function FilesSection(shared: Shared) {
  const { m, locale } = useI18n();
  const names = ["filesEnabled", "fileMaxBytes", "fileQuotaPerDayBytes", "fileRetention"] as const;
  const section = useSection(shared, names);
  const { draft } = section;
  const { settings, defaults, ceilings } = shared.view;
  // Sizes are typed in MB: kept as typed until sent, so that "1." or an empty field while typing is not refused.
  const [maxMb, setMaxMb] = useSynced(toMb(settings.fileMaxBytes));
  const [quotaMb, setQuotaMb] = useSynced(toMb(settings.fileQuotaPerDayBytes));
  const bytes = (mb: string) => Math.round(Number(mb) * MB);
  const onOff = (v: boolean) => (v ? m.settings.on : m.settings.off);
  return (
    <SectionCard id="files" title={m.settings.files.title} lead={<p>{m.settings.files.lead}</p>} section={section}>
      <SettingsForm
        section={section}
        send={() =>
          changes(names, { ...draft, fileMaxBytes: bytes(maxMb), fileQuotaPerDayBytes: bytes(quotaMb) }, settings)
        }
      >
        <Setting
          section={section}
          name="filesEnabled"
          label={m.settings.files.enabled}
          defaultText={onOff(defaults.filesEnabled)}
        >
          <Toggle
            id="filesEnabled"
            label={m.settings.files.enabled}
            hint={m.settings.files.enabledHint}
            error={section.error("filesEnabled")}
            checked={draft.filesEnabled}
            onChange={(v) => section.set("filesEnabled", v)}
          />
        </Setting>
        <Setting
          section={section}
          name="fileMaxBytes"
          label={m.settings.files.maxSize}
          defaultText={formatBytes(locale, defaults.fileMaxBytes)}
        >
          <TextField
            id="fileMaxBytes"
            type="number"
            inputMode="decimal"
            min={0}
            max={ceilings.fileMaxBytes / MB}
            step="any"
            required
            label={m.settings.files.maxSize}
            hint={interpolate(m.settings.files.maxSizeHint, { max: formatBytes(locale, ceilings.fileMaxBytes) })}
            error={section.error("fileMaxBytes")}
            value={maxMb}
            onChange={(e) => {
              setMaxMb(e.target.value);
              section.save.field("fileMaxBytes").onChange();
            }}
          />
        </Setting>
        <Setting
          section={section}
          name="fileQuotaPerDayBytes"
          label={m.settings.files.quota}
          defaultText={formatBytes(locale, defaults.fileQuotaPerDayBytes)}
        >
          <TextField
            id="fileQuotaPerDayBytes"
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            required
            label={m.settings.files.quota}
            error={section.error("fileQuotaPerDayBytes")}
            value={quotaMb}
            onChange={(e) => {
              setQuotaMb(e.target.value);
              section.save.field("fileQuotaPerDayBytes").onChange();
            }}
          />
        </Setting>
        <Setting
          section={section}
          name="fileRetention"
          label={m.settings.files.retention}
          defaultText={m.settings.retentions[defaults.fileRetention]}
        >
          <SelectField
            id="fileRetention"
            label={m.settings.files.retention}
            hint={
              <>
                {m.settings.files.retentionHint}
                {ceilings.maxDays !== null ? <> {plural(locale, ceilings.maxDays, m.settings.ceiling)}</> : null}
              </>
            }
            error={section.error("fileRetention")}
            value={draft.fileRetention}
            onChange={(e) => section.set("fileRetention", e.target.value as Settings["fileRetention"])}
          >
            {fileChoices(ceilings.maxDays, settings.fileRetention).map((k) => (
              <option key={k} value={k}>
                {m.settings.retentions[k]}
              </option>
            ))}
          </SelectField>
        </Setting>
      </SettingsForm>
    </SectionCard>
  );
}

function PushSection(shared: Shared) {
  const { m } = useI18n();
  const section = useSection(shared, ["pushIncludeSender", "pushIncludeBody"] as const);
  const { draft } = section;
  const { defaults } = shared.view;
  const onOff = (v: boolean) => (v ? m.settings.on : m.settings.off);
  return (
    <SectionCard
      id="notifications"
      title={m.settings.push.title}
      lead={<p>{m.settings.push.lead}</p>}
      section={section}
    >
      <SettingsForm section={section} send={section.patch}>
        <Setting
          section={section}
          name="pushIncludeSender"
          label={m.settings.push.sender}
          defaultText={onOff(defaults.pushIncludeSender)}
        >
          <Toggle
            id="pushIncludeSender"
            label={m.settings.push.sender}
            hint={m.settings.push.senderHint}
            error={section.error("pushIncludeSender")}
            checked={draft.pushIncludeSender}
            onChange={(v) => section.set("pushIncludeSender", v)}
          />
        </Setting>
        <Setting
          section={section}
          name="pushIncludeBody"
          label={m.settings.push.body}
          defaultText={onOff(defaults.pushIncludeBody)}
        >
          <Toggle
            id="pushIncludeBody"
            label={m.settings.push.body}
            hint={m.settings.push.bodyHint}
            error={section.error("pushIncludeBody")}
            checked={draft.pushIncludeBody}
            onChange={(v) => section.set("pushIncludeBody", v)}
          />
        </Setting>
      </SettingsForm>
    </SectionCard>
  );
}

function SecuritySection({ serverWide, ...shared }: Shared & { serverWide: boolean }) {
  const { m } = useI18n();
  const section = useSection(shared, ["tlsProfile"] as const);
  const { draft } = section;
  const error = section.error("tlsProfile");
  const profiles = ["intermediate", "modern"] as const;
  return (
    <SectionCard
      id="security"
      title={m.settings.security.title}
      lead={
        <>
          <p>{m.settings.security.lead}</p>
          {serverWide ? <p data-server-wide>{m.settings.security.serverWide}</p> : null}
        </>
      }
      section={section}
    >
      <SettingsForm section={section} send={section.patch}>
        <Setting
          section={section}
          name="tlsProfile"
          label={m.settings.security.choice}
          defaultText={m.settings.security[shared.view.defaults.tlsProfile]}
        >
          <fieldset className="space-y-3" aria-describedby={error ? "tlsProfile-error" : undefined}>
            <legend className="mb-2 text-sm font-medium text-zinc-800">{m.settings.security.choice}</legend>
            {profiles.map((profile) => (
              <div key={profile} className="flex items-start gap-3">
                <input
                  id={`tlsProfile-${profile}`}
                  type="radio"
                  name="tlsProfile"
                  value={profile}
                  className="mt-0.5 h-5 w-5 shrink-0 accent-brand-600"
                  checked={draft.tlsProfile === profile}
                  // Software that sets it for the whole server cannot give one address the newest only.
                  disabled={serverWide && profile === "modern" && draft.tlsProfile !== "modern"}
                  onChange={() => section.set("tlsProfile", profile)}
                  aria-describedby={`tlsProfile-${profile}-hint`}
                />
                <div className="min-w-0">
                  <label htmlFor={`tlsProfile-${profile}`} className="text-sm font-medium text-zinc-800">
                    {m.settings.security[profile]}
                  </label>
                  <p id={`tlsProfile-${profile}-hint`} className="text-xs text-zinc-600">
                    {profile === "modern" ? m.settings.security.modernHint : m.settings.security.intermediateHint}
                  </p>
                </div>
              </div>
            ))}
            {error ? (
              <p id="tlsProfile-error" className="text-sm text-red-700" role="alert">
                {error}
              </p>
            ) : null}
          </fieldset>
        </Setting>
      </SettingsForm>
    </SectionCard>
  );
}

/** What the federation section shows beside its settings, from the pages' server: the check and the domains seen. */
export interface FederationExtras {
  /** The platform's free addresses end in it; null when the platform offers none (no checkbox for them then). */
  platformBase: string | null;
  check: ReactNode;
  peers: ReactNode;
}

/** "a.example, b.example and the platform's free addresses", at most five named, the rest counted. */
function listed(locale: Locale, names: string[], more: Messages["settings"]["federation"]["moreDomains"]): string {
  const shown = names.length > 5 ? [...names.slice(0, 4), plural(locale, names.length - 4, more)] : names;
  return new Intl.ListFormat(locale, { type: "conjunction" }).format(shown);
}

/** Who people may talk to on other servers: everyone, only listed domains, or nobody; what cuts people off is asked first. */
function FederationSection({ platformBase, check, peers, ...shared }: Shared & FederationExtras) {
  const { m, locale } = useI18n();
  const f = m.settings.federation;
  const names = ["federation", "federationAllowlist", "federationPlatformDomains"] as const;
  const section = useSection(shared, names);
  const { draft } = section;
  const { settings, defaults } = shared.view;
  const { canChange } = shared;
  const domain = shared.domain;
  const [adding, setAdding] = useState("");
  const [addError, setAddError] = useState<string | undefined>();
  const confirmation = useConfirmation();
  // What the save sends: the draft, with the domain left typed in the add field once it was taken in.
  const planned = useRef<Reach>(draft);
  const policies = ["open", "allowlist", "closed"] as const;
  const policyError = section.error("federation");
  const listError = section.error("federationAllowlist");
  // The entry the API refused (federationAllowlist/2), marked in the list.
  const refused = section.save.problem?.errors
    ?.map((e) => /^\/?federationAllowlist(?:\/|\[)(\d+)\]?$/.exec(e.field)?.[1])
    .find((i) => i !== undefined);
  const refusedEntry = refused === undefined ? undefined : draft.federationAllowlist[Number(refused)];

  /** The list with what was typed added, or undefined with the reason under the field. */
  const withTyped = (list: string[]): string[] | undefined => {
    const entry = allowlistEntry(adding);
    if (!entry) setAddError(f.notADomain);
    else if (list.includes(entry)) setAddError(interpolate(f.already, { domain: entry }));
    else if (list.length >= MAX_ALLOWLIST) setAddError(interpolate(f.full, { max: MAX_ALLOWLIST }));
    else return [...list, entry];
    return undefined;
  };
  const add = () => {
    const list = withTyped(draft.federationAllowlist);
    if (!list) return;
    section.set("federationAllowlist", list);
    setAdding("");
  };

  /** The confirmation for a change that leaves people reaching only `after`, in words. */
  const confirmFor = (after: Reach): ConfirmTexts => {
    const reachable = [
      ...after.federationAllowlist,
      ...(platformBase && after.federationPlatformDomains ? [f.platformAddresses] : []),
    ];
    // An allowlist naming nobody is as closed as closed.
    if (after.federation === "closed" || reachable.length === 0) {
      return {
        title: interpolate(f.confirmClosedTitle, { domain }),
        body: interpolate(f.confirmClosed, { domain }),
        confirmLabel: f.confirmClosedButton,
      };
    }
    return {
      title: interpolate(f.confirmAllowlistTitle, { domain }),
      body: interpolate(f.confirmAllowlist, { domain, list: listed(locale, reachable, f.moreDomains) }),
      confirmLabel: f.confirmAllowlistButton,
    };
  };
  const askIfCutting = (after: Reach) => (cutsOff(settings, after) ? confirmation.ask(confirmFor(after)) : true);

  const before = async () => {
    let next: Reach = draft;
    if (draft.federation === "allowlist" && adding.trim()) {
      // A domain typed but not added yet is meant to be on the list: it is taken in, unless it is no domain.
      const entry = allowlistEntry(adding);
      const list =
        entry && draft.federationAllowlist.includes(entry)
          ? draft.federationAllowlist
          : withTyped(draft.federationAllowlist);
      if (!list) return false;
      next = { ...draft, federationAllowlist: list };
      section.set("federationAllowlist", list);
      setAdding("");
    }
    planned.current = next;
    return askIfCutting(next);
  };

  const onOff = (v: boolean) => (v ? m.settings.on : m.settings.off);
  return (
    <SectionCard id="federation" title={f.title} lead={<p>{interpolate(f.lead, { domain })}</p>} section={section}>
      {check}
      <SettingsForm section={section} send={() => changes(names, planned.current, settings)} before={before}>
        <Setting section={section} name="federation" label={f.choice} defaultText={f[defaults.federation]}>
          <fieldset className="space-y-3" aria-describedby={policyError ? "federation-error" : undefined}>
            <legend className="mb-2 text-sm font-medium text-zinc-800">{f.choice}</legend>
            {policies.map((policy) => (
              <div key={policy} className="flex items-start gap-3">
                <input
                  id={`federation-${policy}`}
                  type="radio"
                  name="federation"
                  value={policy}
                  className="mt-0.5 h-5 w-5 shrink-0 accent-brand-600"
                  checked={draft.federation === policy}
                  onChange={() => section.set("federation", policy)}
                  aria-describedby={`federation-${policy}-hint`}
                />
                <div className="min-w-0">
                  <label htmlFor={`federation-${policy}`} className="text-sm font-medium text-zinc-800">
                    {f[policy]}
                  </label>
                  <p id={`federation-${policy}-hint`} className="text-xs text-zinc-600">
                    {f[`${policy}Hint`]}
                  </p>
                </div>
              </div>
            ))}
            {policyError ? (
              <p id="federation-error" className="text-sm text-red-700" role="alert">
                {policyError}
              </p>
            ) : null}
          </fieldset>
        </Setting>
        {draft.federation === "allowlist" ? (
          <>
            <Setting
              section={section}
              name="federationAllowlist"
              label={f.domains}
              defaultText={defaults.federationAllowlist.join(", ") || m.settings.none}
              confirmReset={() => askIfCutting({ ...settings, federationAllowlist: defaults.federationAllowlist })}
            >
              <div className="space-y-2">
                <p id="federationAllowlist-label" className="text-sm font-medium text-zinc-800">
                  {f.domains}
                </p>
                <p id="federationAllowlist-hint" className="text-xs text-zinc-600">
                  {f.domainsHint}
                </p>
                {draft.federationAllowlist.length ? (
                  <ul aria-labelledby="federationAllowlist-label" className="space-y-2" data-allowlist>
                    {draft.federationAllowlist.map((entry) => (
                      <li
                        key={entry}
                        data-entry={entry}
                        data-invalid={entry === refusedEntry ? "true" : undefined}
                        className={`flex items-center justify-between gap-3 rounded-md border bg-white px-3 py-1.5 ${entry === refusedEntry ? "border-red-700" : "border-zinc-200"}`}
                      >
                        <span className="min-w-0 break-all text-sm">{entry}</span>
                        {canChange ? (
                          <Button
                            size="sm"
                            variant="secondary"
                            onClick={() =>
                              section.set(
                                "federationAllowlist",
                                draft.federationAllowlist.filter((d) => d !== entry),
                              )
                            }
                          >
                            {f.remove}
                            <span className="sr-only"> {entry}</span>
                          </Button>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-zinc-700" data-allowlist-empty>
                    {f.noDomains}
                  </p>
                )}
                {listError ? (
                  <p id="federationAllowlist-error" className="text-sm text-red-700" role="alert">
                    {refusedEntry ? interpolate(f.badEntry, { domain: refusedEntry, reason: listError }) : listError}
                  </p>
                ) : null}
                {canChange ? (
                  <TextField
                    id="federationAllowlistAdd"
                    label={f.add}
                    hint={f.addHint}
                    error={addError}
                    inputMode="url"
                    autoCapitalize="none"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={300}
                    value={adding}
                    onChange={(e) => {
                      setAdding(e.target.value);
                      setAddError(undefined);
                    }}
                    onKeyDown={(e) => {
                      // Enter adds the domain rather than saving the whole section.
                      if (e.key === "Enter") {
                        e.preventDefault();
                        add();
                      }
                    }}
                    suffix={
                      <Button variant="secondary" onClick={add}>
                        {f.addButton}
                      </Button>
                    }
                  />
                ) : null}
              </div>
            </Setting>
            {platformBase ? (
              <Setting
                section={section}
                name="federationPlatformDomains"
                label={f.platform}
                defaultText={onOff(defaults.federationPlatformDomains)}
              >
                <Toggle
                  id="federationPlatformDomains"
                  label={f.platform}
                  hint={interpolate(f.platformHint, { base: platformBase })}
                  error={section.error("federationPlatformDomains")}
                  checked={draft.federationPlatformDomains}
                  onChange={(v) => section.set("federationPlatformDomains", v)}
                />
              </Setting>
            ) : null}
          </>
        ) : null}
      </SettingsForm>
      {/* Outside the form: the dialog holds a form of its own. Those who cannot change anything are asked nothing. */}
      {canChange ? confirmation.dialog : null}
      {peers}
    </SectionCard>
  );
}

/** Where invites from chat apps can be offered, from the domain's server and who may create accounts there. */
export interface InviteExtras {
  /** The server's software makes invites in chat apps (Prosody; ejabberd 23.01 has none). */
  offered: boolean;
  /** Who may create accounts: an invite from a chat app registers nobody where the server takes no sign-up. */
  registration: "closed" | "invite" | "open" | "approval";
}

/** The number offered when invites from chat apps are first turned on: a few a week. */
const SUGGESTED_INVITES = 3;

function InvitesSection({ offered, registration, ...shared }: Shared & InviteExtras) {
  const { m, locale } = useI18n();
  const t = m.settings.invites;
  const section = useSection(shared, ["memberInvitesPerWeek"] as const);
  const { settings, defaults } = shared.view;
  // Typed as text until sent, so that an empty field while typing is not refused.
  const [count, setCount] = useSynced(String(settings.memberInvitesPerWeek || SUGGESTED_INVITES));
  const on = section.draft.memberInvitesPerWeek > 0;
  const perWeek = (n: number) => (n > 0 ? plural(locale, n, t.perWeek) : m.settings.off);
  const signupClosed = registration === "closed" || registration === "approval";
  return (
    <SectionCard
      id="invites"
      title={t.title}
      lead={
        <>
          <p>{interpolate(t.lead, { domain: shared.domain })}</p>
          {offered ? null : <p data-not-offered>{t.notOffered}</p>}
          {offered && signupClosed ? <p data-signup-closed>{t.signupClosed}</p> : null}
        </>
      }
      section={section}
    >
      {offered ? (
        <SettingsForm
          section={section}
          send={() => {
            const n = Number(count);
            // A number the field could not hold goes as one the API refuses, naming the field.
            const value = on ? (Number.isFinite(n) ? n : -1) : 0;
            return changes(["memberInvitesPerWeek"], { memberInvitesPerWeek: value }, settings);
          }}
        >
          <Setting
            section={section}
            name="memberInvitesPerWeek"
            label={t.enabled}
            defaultText={perWeek(defaults.memberInvitesPerWeek)}
          >
            <Toggle
              id="memberInvitesEnabled"
              label={t.enabled}
              hint={on ? t.enabledHint : t.offHint}
              error={on ? undefined : section.error("memberInvitesPerWeek")}
              checked={on}
              onChange={(v) => section.set("memberInvitesPerWeek", v ? Number(count) || SUGGESTED_INVITES : 0)}
            />
            {on ? (
              <TextField
                id="memberInvitesPerWeek"
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_MEMBER_INVITES}
                step={1}
                required
                label={t.count}
                hint={interpolate(t.countHint, { max: MAX_MEMBER_INVITES })}
                error={section.error("memberInvitesPerWeek")}
                value={count}
                onChange={(e) => {
                  setCount(e.target.value);
                  section.save.field("memberInvitesPerWeek").onChange();
                }}
              />
            ) : null}
          </Setting>
        </SettingsForm>
      ) : null}
    </SectionCard>
  );
}

function WelcomeSection(shared: Shared) {
  const { m } = useI18n();
  const section = useSection(shared, ["welcomeMessage"] as const);
  const { draft } = section;
  const fallback = shared.view.defaults.welcomeMessage;
  return (
    <SectionCard
      id="welcome"
      title={m.settings.welcome.title}
      lead={<p>{m.settings.welcome.lead}</p>}
      section={section}
    >
      <SettingsForm
        section={section}
        send={() => changes(["welcomeMessage"], { welcomeMessage: orNull(draft.welcomeMessage) }, shared.view.settings)}
      >
        <Setting
          section={section}
          name="welcomeMessage"
          label={m.settings.welcome.message}
          defaultText={fallback ?? m.settings.welcome.none}
        >
          <TextAreaField
            id="welcomeMessage"
            label={m.settings.welcome.message}
            hint={m.settings.welcome.hint}
            error={section.error("welcomeMessage")}
            rows={4}
            maxLength={1000}
            value={draft.welcomeMessage ?? ""}
            onChange={(e) => section.set("welcomeMessage", e.target.value)}
          />
        </Setting>
      </SettingsForm>
    </SectionCard>
  );
}

function ContactsSection(shared: Shared) {
  const { m } = useI18n();
  const names = ["abuseAddresses", "supportAddresses", "websiteUrl", "legalNoticeUrl"] as const;
  const section = useSection(shared, names);
  const { draft } = section;
  const { settings, defaults } = shared.view;
  // Addresses are typed one per line, email addresses without mailto:.
  const [abuse, setAbuse] = useSynced(contactsText(settings.abuseAddresses));
  const [support, setSupport] = useSynced(contactsText(settings.supportAddresses));
  const list = (addresses: string[]) =>
    addresses.length ? contactsText(addresses).replace(/\n/g, ", ") : m.settings.none;
  const url = (name: "websiteUrl" | "legalNoticeUrl", label: string) => (
    <Setting section={section} name={name} label={label} defaultText={defaults[name] ?? m.settings.none}>
      <TextField
        id={name}
        inputMode="url"
        autoCapitalize="none"
        autoComplete="url"
        spellCheck={false}
        maxLength={500}
        label={label}
        hint={m.settings.contacts.urlHint}
        error={section.error(name)}
        value={draft[name] ?? ""}
        onChange={(e) => section.set(name, e.target.value)}
      />
    </Setting>
  );
  const addresses = (
    name: "abuseAddresses" | "supportAddresses",
    label: string,
    value: string,
    setValue: (v: string) => void,
  ) => (
    <Setting section={section} name={name} label={label} defaultText={list(defaults[name])}>
      <TextAreaField
        id={name}
        label={label}
        hint={m.settings.contacts.hint}
        error={section.error(name)}
        rows={2}
        autoCapitalize="none"
        spellCheck={false}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          section.save.field(name).onChange();
        }}
      />
    </Setting>
  );
  return (
    <SectionCard
      id="contacts"
      title={m.settings.contacts.title}
      lead={<p>{m.settings.contacts.lead}</p>}
      section={section}
    >
      <SettingsForm
        section={section}
        send={() =>
          changes(
            names,
            {
              abuseAddresses: contactsOf(abuse),
              supportAddresses: contactsOf(support),
              websiteUrl: orNull(draft.websiteUrl?.trim() ?? null),
              legalNoticeUrl: orNull(draft.legalNoticeUrl?.trim() ?? null),
            },
            settings,
          )
        }
      >
        {addresses("abuseAddresses", m.settings.contacts.abuse, abuse, setAbuse)}
        {addresses("supportAddresses", m.settings.contacts.support, support, setSupport)}
        {url("websiteUrl", m.settings.contacts.website)}
        {url("legalNoticeUrl", m.settings.contacts.legalNotice)}
      </SettingsForm>
    </SectionCard>
  );
}

const LOGO_MAX_BYTES = 100 * 1024;

/** A picture chosen for the logo, not sent yet: its bytes as a data: address, which the preview shows as well. */
interface Picked {
  dataUrl: string;
  size: number;
}

/** The logo: the current one, and choosing a new one (previewed before it is sent) or removing it. */
function LogoForm({
  shared,
  picked,
  setPicked,
  alt,
}: {
  shared: Shared;
  picked: Picked | null;
  setPicked: (p: Picked | null) => void;
  alt: string;
}) {
  const { m, locale } = useI18n();
  const upload = useAction();
  const removal = useAction();
  const [saved, setSaved] = useState(false);
  const { domainId, view, canChange } = shared;
  // The size is checked here to spare sending a picture that cannot be taken; its kind the API tells by its bytes.
  const tooBig = picked && picked.size > LOGO_MAX_BYTES ? picked.size : null;
  const current = view.logoUrl ? (
    // biome-ignore lint/performance/noImgElement: a small picture served by the API, which Next's optimiser cannot reach
    <img
      src={view.logoUrl}
      alt={alt}
      width={56}
      height={56}
      className="h-14 w-14 rounded-md border border-zinc-200 bg-white object-contain"
      data-current-logo
    />
  ) : (
    <p className="text-sm text-zinc-700">{m.settings.branding.noLogo}</p>
  );
  return (
    <div className="space-y-3" data-setting="logo">
      <p className="text-sm font-medium text-zinc-800">{m.settings.branding.logo}</p>
      <div className="flex flex-wrap items-center gap-3">
        {current}
        {canChange && view.logoUrl ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={removal.pending}
            onClick={() => {
              setSaved(false);
              removal.run(() => api.DELETE("/api/v1/domains/{domainId}/logo", { params: { path: { domainId } } }));
            }}
          >
            {m.settings.branding.remove}
          </Button>
        ) : null}
      </div>
      {canChange ? (
        <>
          <ActionOutcome action={removal} />
          <ActionForm
            action={upload}
            busy={!picked || tooBig !== null}
            variant="secondary"
            submit={m.settings.branding.upload}
            send={() => {
              setSaved(false);
              const image = picked?.dataUrl.slice(picked.dataUrl.indexOf(",") + 1) ?? "";
              return api.PUT("/api/v1/domains/{domainId}/logo", { params: { path: { domainId } }, body: { image } });
            }}
            onSent={() => {
              setPicked(null);
              setSaved(true);
            }}
            after={saved ? <Alert tone="success">{m.settings.branding.logoSaved}</Alert> : null}
          >
            <TextField
              id="logo"
              type="file"
              accept="image/png,image/jpeg,image/webp"
              label={m.settings.branding.choose}
              hint={m.settings.branding.logoHint}
              error={
                tooBig !== null
                  ? interpolate(m.settings.branding.tooBig, { size: formatBytes(locale, tooBig) })
                  : upload.field("logo").error
              }
              className="block w-full text-sm text-zinc-800 file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-zinc-900"
              onChange={(e) => {
                upload.field("logo").onChange();
                setSaved(false);
                const file = e.target.files?.[0];
                if (!file) {
                  setPicked(null);
                  return;
                }
                const reader = new FileReader();
                reader.onload = () => setPicked({ dataUrl: String(reader.result), size: file.size });
                reader.readAsDataURL(file);
              }}
            />
            {picked && tooBig === null ? (
              <div className="flex items-center gap-3 text-sm text-zinc-700">
                {/* biome-ignore lint/performance/noImgElement: the picture chosen, shown from its own bytes before it is sent */}
                <img
                  src={picked.dataUrl}
                  alt={m.settings.branding.newLogo}
                  width={56}
                  height={56}
                  className="h-14 w-14 rounded-md border border-zinc-200 bg-white object-contain"
                  data-logo-preview
                />
                <span>{m.settings.branding.newLogo}</span>
              </div>
            ) : null}
          </ActionForm>
        </>
      ) : null}
    </div>
  );
}

function BrandingSection(shared: Shared) {
  const { m } = useI18n();
  const section = useSection(shared, ["brandName", "brandColor"] as const);
  const { draft } = section;
  const { settings, defaults, logoUrl } = shared.view;
  const [picked, setPicked] = useState<Picked | null>(null);
  const shownName = orNull(draft.brandName)?.trim() ?? null;
  const alt = interpolate(m.settings.branding.logoAlt, { name: shownName ?? shared.domain });
  return (
    <SectionCard
      id="branding"
      title={m.settings.branding.title}
      lead={<p>{m.settings.branding.lead}</p>}
      section={section}
    >
      <div className="rounded-md border border-zinc-200 bg-zinc-50 p-3" data-brand-preview>
        <p className="mb-2 text-xs font-medium text-zinc-700">{m.settings.branding.preview}</p>
        <BrandHeader
          className=""
          name={shownName}
          domain={shared.domain}
          accentColor={draft.brandColor}
          logoUrl={picked && picked.size <= LOGO_MAX_BYTES ? picked.dataUrl : logoUrl}
          logoAlt={alt}
        />
      </div>
      <SettingsForm
        section={section}
        send={() =>
          changes(
            ["brandName", "brandColor"],
            { brandName: orNull(draft.brandName?.trim() ?? null), brandColor: draft.brandColor },
            settings,
          )
        }
      >
        <Setting
          section={section}
          name="brandName"
          label={m.settings.branding.name}
          defaultText={defaults.brandName ?? interpolate(m.settings.branding.nameDefault, { domain: shared.domain })}
        >
          <TextField
            id="brandName"
            label={m.settings.branding.name}
            hint={m.settings.branding.nameHint}
            error={section.error("brandName")}
            maxLength={60}
            value={draft.brandName ?? ""}
            onChange={(e) => section.set("brandName", e.target.value)}
          />
        </Setting>
        <Setting
          section={section}
          name="brandColor"
          label={m.settings.branding.color}
          defaultText={defaults.brandColor ?? m.settings.none}
        >
          <div className="space-y-1">
            <label htmlFor="brandColor" className="block text-sm font-medium text-zinc-800">
              {m.settings.branding.color}
            </label>
            <div className="flex flex-wrap items-center gap-3">
              <input
                id="brandColor"
                name="brandColor"
                type="color"
                // The platform's own blue until a colour is picked: a colour input always holds one.
                value={draft.brandColor ?? "#1d5fd1"}
                onChange={(e) => section.set("brandColor", e.target.value.toLowerCase())}
                aria-describedby="brandColor-hint"
                aria-invalid={section.error("brandColor") ? true : undefined}
                className="h-10 w-16 cursor-pointer rounded-md border border-zinc-300 bg-white p-1"
              />
              <span className="text-sm text-zinc-700" data-colour-value>
                {draft.brandColor ?? m.settings.branding.noColor}
              </span>
            </div>
            <p id="brandColor-hint" className="text-xs text-zinc-600">
              {m.settings.branding.colorHint}
            </p>
            {section.error("brandColor") ? (
              <p className="text-sm text-red-700" role="alert">
                {section.error("brandColor")}
              </p>
            ) : null}
          </div>
        </Setting>
      </SettingsForm>
      <LogoForm shared={shared} picked={picked} setPicked={setPicked} alt={alt} />
    </SectionCard>
  );
}

/**
 * Every setting of a domain, by what it is about, in plain words: message history, shared files, notifications,
 * security, talking to other servers, the welcome message, contact addresses and branding. Each section saves on
 * its own.
 */
export function SettingsSections({
  serverWide,
  federation,
  invites,
  ...shared
}: Shared & {
  /** The server's software sets TLS for the whole server (ejabberd): only the intermediate profile per domain. */
  serverWide: boolean;
  federation: FederationExtras;
  invites: InviteExtras;
}) {
  return (
    <>
      <HistorySection {...shared} />
      <FilesSection {...shared} />
      <PushSection {...shared} />
      <SecuritySection {...shared} serverWide={serverWide} />
      <FederationSection {...shared} {...federation} />
      <InvitesSection {...shared} {...invites} />
      <WelcomeSection {...shared} />
      <ContactsSection {...shared} />
      <BrandingSection {...shared} />
    </>
  );
}
