import type { ReactNode } from "react";
import type { operations } from "../lib/api/generated/schema";
import type { Messages } from "../lib/i18n/en";
import { interpolate, plural } from "../lib/i18n/format";
import { getI18n } from "../lib/i18n/server";
import { IrcGatewayControls } from "./forms/irc-gateway";
import { Badge, type Tone } from "./ui/badge";
import { Card } from "./ui/card";
import { Alert } from "./ui/field";

type IrcGateway = operations["getIrcGateway"]["responses"][200]["content"]["application/json"];

const tones: Record<keyof Messages["irc"]["states"], Tone> = {
  off: "zinc",
  pending: "blue",
  active: "green",
  deleting: "amber",
  failed: "red",
};

/**
 * A domain's IRC gateway: what it does and its limits while off; once on, how people join a channel through it.
 * `canChange` shows the buttons (owners and admins: the API refuses the others anyway).
 */
export async function IrcGatewayCard({ gateway, canChange }: { gateway: IrcGateway; canChange: boolean }) {
  const { m, locale } = await getI18n();
  const state = gateway.state;
  const shown = state ?? "off";
  // Only a server that cannot run one says so; one already there is shown as it is.
  const unavailable = gateway.available === false && state === null;
  const code = "block break-all rounded bg-zinc-100 px-2 py-1 font-mono text-xs text-zinc-900";

  let body: ReactNode;
  if (unavailable) {
    body = <p className="text-zinc-700">{m.irc.unavailable}</p>;
  } else if (state === "pending" || state === "active") {
    body = (
      <>
        <p>
          <span className="font-medium">{m.irc.address}:</span> <span className="font-mono">{gateway.address}</span>
        </p>
        {state === "pending" ? <p className="text-zinc-700">{m.irc.pending}</p> : null}
        <p className="text-zinc-700">{m.irc.howTo}</p>
        <code className={code}>{interpolate(m.irc.form, { address: gateway.address })}</code>
        <p className="text-zinc-700">{interpolate(m.irc.formParts, { address: gateway.address })}</p>
        <p className="text-zinc-700">{m.irc.example}</p>
        <code className={code} data-irc-example>
          {gateway.example}
        </code>
        <Alert tone="info">{m.irc.notEncrypted}</Alert>
      </>
    );
  } else if (state === "failed") {
    body = (
      <>
        <Alert>
          {gateway.lastError ? interpolate(m.irc.failed, { error: gateway.lastError }) : m.irc.failedNoDetail}
        </Alert>
        <p className="text-zinc-700">{m.irc.lead}</p>
      </>
    );
  } else {
    body = (
      <>
        <p className="text-zinc-700">{m.irc.lead}</p>
        {state === "deleting" ? <p className="text-zinc-700">{m.irc.deleting}</p> : null}
        <h3 className="pt-1 font-semibold">{m.irc.limits}</h3>
        <ul className="list-disc space-y-1 pl-5 text-zinc-700">
          <li>{plural(locale, gateway.limits.maxServers, m.irc.maxServers)}</li>
          <li>{plural(locale, gateway.limits.maxConnections, m.irc.maxConnections)}</li>
        </ul>
      </>
    );
  }

  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          {m.irc.title} {unavailable ? null : <Badge tone={tones[shown]}>{m.irc.states[shown]}</Badge>}
        </span>
      }
    >
      <div className="max-w-2xl space-y-3 text-sm" data-irc-gateway={unavailable ? "unavailable" : shown}>
        {body}
        {/* Always in this place, so that an operation's progress stays on screen as the state changes. */}
        {canChange && !unavailable ? (
          <IrcGatewayControls domainId={gateway.domainId} address={gateway.address} state={state} />
        ) : null}
      </div>
    </Card>
  );
}
