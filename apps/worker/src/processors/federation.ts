import { type FederationCheck, federationReference, recordFederationActivity, settingsOf } from "@xmpp-host/core";
import type { Domain, Instance } from "@xmpp-host/db";
import { xmppLogin } from "@xmpp-host/xmpp/client";
import type { WorkerContext } from "../context.ts";

function xmlAttr(v: string): string {
  return v.replace(/&/g, "&amp;").replace(/'/g, "&apos;").replace(/</g, "&lt;");
}

/** Whether a domain's policy lets it talk to `remote` (the module on the server decides the same way). */
export function policyAllows(
  s: { federation: string; federationAllowlist: string[]; federationPlatformDomains: boolean },
  remote: string,
  platformBase?: string,
): boolean {
  if (s.federation === "open") return true;
  if (s.federation === "closed") return false;
  const under = (d: string) => remote === d || remote.endsWith(`.${d}`);
  return s.federationAllowlist.some(under) || (s.federationPlatformDomains && !!platformBase && under(platformBase));
}

/**
 * Federation, checked as people use it: the probe account logs in and pings another domain (XEP-0199), which its
 * server reaches over a server-to-server link: DNS, the port, TLS and the certificates all have to work. Returns
 * null when there is nothing to check: no other domain, or a policy that forbids it.
 */
export async function checkFederation(
  ctx: WorkerContext,
  instance: Pick<Instance, "id"> & { domains: (Pick<Domain, "name" | "settings"> & { instance?: unknown })[] },
  placement: Instance["placement"],
  login: { host: string; port: number; domain: string; username: string; password: string; ca: string },
): Promise<FederationCheck | null> {
  const reference = await federationReference(ctx.core, instance.id, ctx.env.FEDERATION_PROBE_DOMAIN);
  if (!reference || reference === login.domain) return null;
  const domain = instance.domains.find((d) => d.name === login.domain);
  if (!domain) return null;
  const { settings } = settingsOf(ctx.core, { settings: domain.settings, instance: { placement } });
  if (!policyAllows(settings, reference, ctx.env.PLATFORM_BASE_DOMAIN)) return null;
  const timeoutMs = ctx.env.HEALTH_PROBE_TIMEOUT_MS;
  const checkedAt = () => new Date().toISOString();
  try {
    const session = await xmppLogin({ ...login, timeoutMs, resource: "federation-probe" });
    try {
      const started = performance.now();
      session.send(`<iq type='get' id='s2sping1' to='${xmlAttr(reference)}'><ping xmlns='urn:xmpp:ping'/></iq>`);
      const { match } = await session.expect(/<iq[^>]*id='s2sping1'[^>]*(?:\/>|>[\s\S]*?<\/iq>)/, timeoutMs);
      const ms = Math.round(performance.now() - started);
      const reply = match[0];
      if (/type=['"]error['"]/.test(reply)) {
        const condition = /<([a-z-]+) xmlns=['"]urn:ietf:params:xml:ns:xmpp-stanzas['"]/.exec(reply)?.[1] ?? "error";
        const text = /<text[^>]*>([^<]*)<\/text>/.exec(reply)?.[1];
        return {
          ok: false,
          from: login.domain,
          reference,
          ms,
          code: "federation_failing",
          message: text ? `${condition}: ${text}` : condition,
          checkedAt: checkedAt(),
        };
      }
      return { ok: true, from: login.domain, reference, ms, checkedAt: checkedAt() };
    } finally {
      await session.close();
    }
  } catch (err) {
    return {
      ok: false,
      from: login.domain,
      reference,
      code: "federation_failing",
      message: (err as Error).message,
      checkedAt: checkedAt(),
    };
  }
}

/** Takes what the server counted of its domains' federation (refusals, remote domains seen) into the database. */
export async function collectFederationActivity(
  ctx: WorkerContext,
  instance: Instance & { domains: Pick<Domain, "name">[] },
): Promise<void> {
  const driver = ctx.driverFor(instance);
  if (!driver.federationActivity || instance.domains.length === 0) return;
  const activity = await driver.federationActivity(instance.domains.map((d) => d.name));
  await recordFederationActivity(ctx.core, instance.id, activity);
}
