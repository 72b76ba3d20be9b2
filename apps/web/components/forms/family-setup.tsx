"use client";
import { useRouter } from "next/navigation";
import { type ChangeEvent, useState } from "react";
import { api } from "../../lib/api/client";
import { asProblem, fieldError, localizeProblem, type Problem, withoutField } from "../../lib/api/problem";
import { useI18n } from "../../lib/i18n/client";
import { interpolate } from "../../lib/i18n/format";
import { PasswordStrength } from "../password-strength";
import { Button } from "../ui/button";
import { Alert, TextField } from "../ui/field";
import {
  AddressCheckStatus,
  type CheckState,
  checkState,
  nameInput,
  normalise,
  refusalOf,
  useFreeAddressCheck,
} from "./free-address";
import { CopyLink } from "./invites";

type Step = "address" | "account" | "room" | "invite";
const STEPS: Step[] = ["address", "account", "room", "invite"];

/** What the setup made so far: a retry after a failure goes on from the first step not done. */
interface Made {
  domain?: { id: string; name: string };
  accountId?: string;
  roomId?: string;
  invite?: { url: string };
}

type Answer = { data?: unknown; error?: unknown; response: Response };

/** The operation an answer carries has ended well (the ?wait= call held it until then). */
function succeeded(data: unknown): boolean {
  const op = (data as { operation?: { status?: string } } | undefined)?.operation;
  return op === undefined || op.status === "succeeded";
}

/** Whose family chat it is, under which base domain, and the name the chat gets unless the admin types another. */
export interface FamilySetupProps {
  tenantId: string;
  baseDomain: string;
  defaultTitle: string;
}

/**
 * The family flow in one form: a name for the family chat, a free address checked as it is typed, and the admin's
 * own chat account. It then gets the address, makes the account, opens the family group chat with the admin in it
 * and ends with an invite link into that chat, showing each step as it goes.
 */
export function FamilySetupForm({ tenantId, baseDomain, defaultTitle }: FamilySetupProps) {
  const { m, locale } = useI18n();
  const router = useRouter();
  const [title, setTitle] = useState(defaultTitle);
  const [address, setAddress] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [made, setMade] = useState<Made>({});
  const [working, setWorking] = useState<Step | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const wanted = normalise(address);
  const check = useFreeAddressCheck(wanted);
  const refusal = made.domain ? null : (refusalOf(problem, check) ?? check?.reason ?? null);
  const localpart = username.trim().toLowerCase();
  const done = (step: Step) =>
    step === "address"
      ? Boolean(made.domain)
      : step === "account"
        ? Boolean(made.accountId)
        : step === "room"
          ? Boolean(made.roomId)
          : Boolean(made.invite);

  async function step(name: Step, call: () => Promise<Answer>): Promise<unknown | null> {
    setWorking(name);
    const result: Answer = await call().catch((error: unknown) => ({
      data: undefined,
      error: { title: error instanceof Error ? error.message : String(error) },
      response: new Response(null, { status: 599 }),
    }));
    if (!result.response.ok || !succeeded(result.data)) {
      const op = (result.data as { operation?: { error?: string | null } } | undefined)?.operation;
      setProblem(
        result.response.ok
          ? { title: op?.error ?? m.family.stepFailed }
          : localizeProblem(asProblem(result.error, result.response.status), m, locale),
      );
      setWorking(null);
      return null;
    }
    return result.data;
  }

  async function run() {
    setProblem(null);
    const next: Made = { ...made };
    if (!next.domain) {
      const data = await step("address", () =>
        api.POST("/api/v1/tenants/{tenantId}/domains", {
          params: { path: { tenantId }, query: { wait: 60 } },
          body: { name: wanted },
        }),
      );
      const domain = (data as { domain?: { id: string; name: string } } | null)?.domain;
      if (!domain) return;
      next.domain = { id: domain.id, name: domain.name };
      setMade({ ...next });
    }
    const domainId = next.domain.id;
    const jid = `${localpart}@${next.domain.name}`;
    if (!next.accountId) {
      const data = await step("account", () =>
        api.POST("/api/v1/domains/{domainId}/accounts", {
          params: { path: { domainId }, query: { wait: 60 } },
          body: { localpart, password },
        }),
      );
      const account = (data as { account?: { id: string } } | null)?.account;
      if (!account) return;
      next.accountId = account.id;
      setMade({ ...next });
    }
    if (!next.roomId) {
      const data = await step("room", () =>
        api.POST("/api/v1/domains/{domainId}/rooms", {
          params: { path: { domainId }, query: { wait: 60 } },
          body: { name: "family", title: title.trim() || defaultTitle, members: [jid] },
        }),
      );
      const room = (data as { room?: { id: string } } | null)?.room;
      if (!room) return;
      next.roomId = room.id;
      setMade({ ...next });
    }
    if (!next.invite) {
      const roomId = next.roomId;
      const accountId = next.accountId;
      const data = await step("invite", () =>
        api.POST("/api/v1/domains/{domainId}/invites", {
          params: { path: { domainId }, query: { wait: 60 } },
          body: { maxUses: 20, rooms: [roomId], inviterAccountId: accountId },
        }),
      );
      const invite = data as { invite?: { url?: string }; url?: string } | null;
      const url = invite?.invite?.url ?? invite?.url;
      if (!url) return;
      next.invite = { url };
      setMade({ ...next });
    }
    setWorking(null);
  }

  if (made.invite && made.domain) {
    return (
      <div className="space-y-4" data-testid="family-ready">
        <Alert tone="success">{interpolate(m.family.ready, { address: made.domain.name })}</Alert>
        <div>
          <h3 className="mb-1 font-semibold">{m.family.inviteTitle}</h3>
          <p className="mb-2 text-sm text-zinc-700">{m.family.inviteLead}</p>
          <CopyLink url={made.invite.url} />
        </div>
        <p className="text-sm text-zinc-700">
          {interpolate(m.family.signInAs, { jid: `${localpart}@${made.domain.name}` })}
        </p>
        <Button type="button" variant="secondary" onClick={() => router.refresh()}>
          {m.family.continue}
        </Button>
      </div>
    );
  }

  /** What a field shows of the API's refusal, and its change handler: it keeps what is typed and clears that refusal. */
  const edits = (field: string, set: (value: string) => void) => ({
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      set(e.target.value);
      setProblem((p) => withoutField(p, field));
    },
    error: fieldError(problem, field),
  });
  const statusId = "familyAddress-check";
  const state: CheckState = made.domain ? "available" : checkState(wanted, refusal, check);
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      {problem && !problem.errors ? <Alert>{problem.detail ?? problem.title}</Alert> : null}
      <TextField
        id="familyTitle"
        label={m.family.name}
        hint={m.family.nameHint}
        value={title}
        maxLength={100}
        required
        {...edits("title", setTitle)}
      />
      <TextField
        id="familyAddress"
        label={m.family.address}
        hint={m.freeAddress.hint}
        suffix={`.${baseDomain}`}
        value={made.domain ? made.domain.name.slice(0, -baseDomain.length - 1) : address}
        readOnly={Boolean(made.domain)}
        {...nameInput}
        onChange={(e) => {
          setAddress(e.target.value);
          if (problem) setProblem(null);
        }}
        aria-describedby={`familyAddress-hint ${statusId}`}
      />
      {made.domain ? null : (
        <AddressCheckStatus
          id={statusId}
          state={state}
          refusal={refusal}
          address={check?.address ?? `${wanted}.${baseDomain}`}
        />
      )}
      <TextField
        id="familyUsername"
        label={m.family.username}
        hint={interpolate(m.family.usernameHint, {
          jid: `${localpart || "…"}@${made.domain?.name ?? (wanted ? `${wanted}.${baseDomain}` : baseDomain)}`,
        })}
        value={username}
        readOnly={Boolean(made.accountId)}
        required
        maxLength={64}
        autoCapitalize="none"
        autoComplete="username"
        {...edits("localpart", setUsername)}
      />
      <TextField
        id="familyPassword"
        type="password"
        label={m.family.password}
        value={password}
        readOnly={Boolean(made.accountId)}
        required
        minLength={8}
        autoComplete="new-password"
        {...edits("password", setPassword)}
      />
      {made.accountId ? null : (
        <PasswordStrength
          id="family-password-strength"
          password={password}
          kind="chat"
          personal={[localpart, wanted ? `${wanted}.${baseDomain}` : ""]}
        />
      )}
      <Button type="submit" disabled={working !== null || state === "refused"}>
        {Object.keys(made).length ? m.family.retry : m.family.create}
      </Button>
      {working || Object.keys(made).length ? (
        <ol className="space-y-1 text-sm" aria-live="polite" data-testid="family-steps">
          {STEPS.map((s) => (
            <li key={s} className={done(s) ? "text-green-800" : s === working ? "font-medium" : "text-zinc-600"}>
              {done(s) ? "✓ " : s === working ? "… " : "○ "}
              {m.family.steps[s]}
            </li>
          ))}
        </ol>
      ) : null}
    </form>
  );
}
