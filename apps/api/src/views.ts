import {
  type Actor,
  type CoreContext,
  chatStatus,
  domainHosts,
  isUnderPlatformDomain,
  platformSettings,
  sharedSettings,
} from "@xmpp-host/core";
import type { Domain, Instance, Operation, Placement } from "@xmpp-host/db";
import { serverKind } from "@xmpp-host/xmpp";

/** Shapes database rows into API resources; secrets never leave through here. */
export function operationView(op: Operation) {
  const { secretEncrypted: _secret, input: _input, actorUserId: _u, actorTokenId: _t, ...rest } = op;
  return { ...rest, result: op.result ?? undefined, error: op.error ?? undefined };
}

export function instanceView(i: Instance) {
  return {
    id: i.id,
    tenantId: i.tenantId,
    name: i.name,
    server: i.server,
    features: featuresOf(i.server),
    runtime: i.runtime,
    placement: i.placement,
    version: i.version,
    status: i.status,
    desiredState: i.desiredState,
    lastError: i.lastError,
    endpoints: {
      host: i.host,
      c2sPort: i.c2sPort,
      s2sPort: i.s2sPort,
      httpPort: i.httpPort,
      directTlsPort: i.directTlsPort,
      httpsPort: i.httpsPort,
    },
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

/** What a server kind can do, as the API shows it (on instances, and on domains, whose server may be hidden). */
export function featuresOf(server: Instance["server"]) {
  const { inBandInvites, domainBackups } = serverKind(server).features;
  return { inBandInvites, domainBackups };
}

/**
 * A domain as its tenant sees it. On a shared server the server is the platform's: its id is not shown (but to an
 * operator signed in, `seenBy`, who runs it), and the platform's per-domain limits are.
 */
export function domainView(
  d: Domain & { instance: { placement: Placement; status: string; server: Instance["server"] } },
  core: CoreContext,
  seenBy?: Actor,
) {
  const limits = sharedSettings(core);
  const hosts = domainHosts(d.name);
  const { instance, ...rest } = d;
  const shared = instance.placement === "shared";
  const operator = seenBy?.isOperator === true && !seenBy.token;
  return {
    ...rest,
    instanceId: shared && !operator ? null : d.instanceId,
    placement: instance.placement,
    features: featuresOf(instance.server),
    chat: chatStatus(d.state, instance.status),
    freeAddress: isUnderPlatformDomain(d.name, platformSettings(core)),
    limits: shared
      ? {
          maxAccounts: limits.maxAccounts,
          uploadQuotaMb: limits.uploadQuotaMb,
          archiveDays: limits.archiveDays,
        }
      : null,
    services: { muc: hosts.muc, upload: hosts.upload },
  };
}
