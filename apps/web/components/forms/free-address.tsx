"use client";
import { useEffect, useState } from "react";
import { api } from "../../lib/api/client";
import type { Problem } from "../../lib/api/problem";
import { useI18n } from "../../lib/i18n/client";
import type { Messages } from "../../lib/i18n/en";
import { interpolate } from "../../lib/i18n/format";
import { useAction } from "../../lib/use-action";
import { createdPage, useOpenWhenDone } from "../../lib/use-open-when-done";
import { ActionProgress } from "../action-outcome";
import { Button } from "../ui/button";
import { Alert, TextField } from "../ui/field";

export type Refusal = keyof Messages["freeAddress"]["refusals"];

/** What the API said about one name; `reason` is null when it is free, or when the check itself failed. */
export interface Check {
  name: string;
  available: boolean;
  address: string | null;
  reason: Refusal | null;
}

/** How a free address name is typed: one DNS label, taken as it is (no capitals, corrections or suggestions). */
export const nameInput = {
  required: true,
  maxLength: 63,
  autoCapitalize: "none",
  autoCorrect: "off",
  autoComplete: "off",
  spellCheck: false,
} as const;

/** The name as the API understands it. */
export function normalise(raw: string): string {
  return raw.trim().toLowerCase();
}

/** The refusal a failed creation stands for, in the terms of the live check; null when it was not about the name. */
export function refusalOf(problem: Problem | null, check: Check | null): Refusal | "other" | null {
  if (!problem?.errors?.some((e) => e.field === "name") || problem.code === "quota_exceeded") return null;
  if (problem.status === 409) return "taken";
  if (problem.status === 400) return "invalid";
  return check?.reason ?? "other";
}

/** The live availability check of a free address name as it is typed (debounced); null until it answered. */
export function useFreeAddressCheck(wanted: string): Check | null {
  const [check, setCheck] = useState<Check | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let stale = false;
    const timer = setTimeout(async () => {
      const { data } = await api
        .GET("/api/v1/free-addresses/{name}", { params: { path: { name: wanted } } })
        .catch(() => ({ data: undefined }));
      if (stale) return;
      // A check that failed (rate limit, network) says nothing: the creation checks the name again anyway.
      setCheck(
        data
          ? { name: wanted, available: data.available, address: data.address, reason: data.reason }
          : { name: wanted, available: false, address: null, reason: null },
      );
    }, 300);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [wanted]);
  return check?.name === wanted ? check : null;
}

/** Where the live check of a typed name stands. */
export type CheckState = "empty" | "refused" | "checking" | "available" | "";

export function checkState(wanted: string, refusal: Refusal | "other" | null, check: Check | null): CheckState {
  return !wanted ? "empty" : refusal ? "refused" : !check ? "checking" : check.available ? "available" : "";
}

/** The live check's verdict under the name field, in plain words (a status region screen readers announce). */
export function AddressCheckStatus({
  id,
  state,
  refusal,
  address,
}: {
  id: string;
  state: CheckState;
  refusal: Refusal | "other" | null;
  address: string;
}) {
  const { m } = useI18n();
  return (
    <p
      id={id}
      role="status"
      data-address-check={state || undefined}
      className={`min-h-5 text-sm ${
        state === "available" ? "text-green-800" : state === "refused" ? "text-red-700" : "text-zinc-600"
      }`}
    >
      {state === "checking"
        ? m.freeAddress.checking
        : state === "available"
          ? interpolate(m.freeAddress.available, { address })
          : refusal === "other"
            ? m.freeAddress.refused
            : refusal
              ? m.freeAddress.refusals[refusal]
              : null}
    </p>
  );
}

/**
 * Gets the tenant a free address NAME.BASE on the platform's shared servers. The name is checked as it is typed
 * (debounced), the refusal is said in plain words, and once created the person lands on the new domain's page.
 */
export function FreeAddressForm({ tenantId, baseDomain }: { tenantId: string; baseDomain: string }) {
  const { m } = useI18n();
  const action = useAction();
  const { opens, onDone } = useOpenWhenDone();
  const [name, setName] = useState("");
  const wanted = normalise(name);
  const current = useFreeAddressCheck(wanted);
  const refusedOnCreate = refusalOf(action.problem, current);
  const refusal = refusedOnCreate ?? current?.reason ?? null;
  const state = checkState(wanted, refusal, current);
  const statusId = "freeAddressName-check";
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await action.run(() =>
          api.POST("/api/v1/tenants/{tenantId}/domains", {
            params: { path: { tenantId }, query: { wait: 20 } },
            body: { name: wanted },
          }),
        );
        if (!result) return;
        opens(createdPage(result.data, "domain", `/t/${tenantId}/domains`));
        setName("");
      }}
    >
      {action.problem?.code === "quota_exceeded" ? (
        <Alert>{m.freeAddress.quota}</Alert>
      ) : action.problem && !refusedOnCreate ? (
        <Alert>{action.problem.detail ?? action.problem.title}</Alert>
      ) : null}
      <TextField
        id="freeAddressName"
        label={m.freeAddress.name}
        hint={m.freeAddress.hint}
        suffix={`.${baseDomain}`}
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          if (action.problem) action.setProblem(null);
        }}
        {...nameInput}
        aria-invalid={state === "refused" ? true : undefined}
        aria-describedby={`freeAddressName-hint ${statusId}`}
      />
      <AddressCheckStatus
        id={statusId}
        state={state}
        refusal={refusal}
        address={current?.address ?? `${wanted}.${baseDomain}`}
      />
      <Button type="submit" disabled={action.pending || Boolean(action.operationId) || state === "refused"}>
        {m.freeAddress.create}
      </Button>
      <ActionProgress action={action} onDone={onDone} />
    </form>
  );
}
