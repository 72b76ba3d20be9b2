import { domainHosts } from "@xmpp-host/core";
import type { Domain, Instance, Operation } from "@xmpp-host/db";

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
    runtime: i.runtime,
    placement: i.placement,
    version: i.version,
    status: i.status,
    desiredState: i.desiredState,
    lastError: i.lastError,
    endpoints: { host: i.host, c2sPort: i.c2sPort, s2sPort: i.s2sPort, httpPort: i.httpPort },
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

export function domainView(d: Domain) {
  const hosts = domainHosts(d.name);
  return { ...d, services: { muc: hosts.muc, upload: hosts.upload } };
}
