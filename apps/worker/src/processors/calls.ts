import { randomBytes } from "node:crypto";
import path from "node:path";
import { LocalTurnServer, turnAllocate } from "@xmpp-host/calls";
import { ensurePlatformSecret } from "@xmpp-host/core";
import type { CallsCheck } from "@xmpp-host/health";
import { xmlUnescape } from "@xmpp-host/xmpp";
import { xmppLogin } from "@xmpp-host/xmpp/client";
import type { WorkerContext } from "../context.ts";

/** The platform secret coturn and every server derive call credentials from. */
export const TURN_SECRET = "turn-secret";

/**
 * Reads (or makes, the first time) the TURN secret and sets what servers announce. Runs at worker boot, before any
 * server's configuration is rendered.
 */
export async function prepareCalls(ctx: WorkerContext): Promise<void> {
  const env = ctx.env;
  if (!env.TURN_ENABLED) {
    ctx.calls = null;
    ctx.turn = null;
    return;
  }
  const secret = await ensurePlatformSecret(ctx.core, TURN_SECRET, async () => randomBytes(32).toString("base64url"));
  const host = env.TURN_HOST ?? env.PLATFORM_IPV4[0] ?? env.PLATFORM_HOST;
  ctx.calls = { host, port: env.TURN_PORT, secret, ttlSeconds: env.TURN_CREDENTIAL_TTL_SECONDS };
  ctx.turn = new LocalTurnServer({
    dir: path.join(env.DATA_ROOT, "turn"),
    runAs: env.INSTANCE_USER,
    settings: {
      listenIp: env.TURN_LISTEN_IP,
      port: env.TURN_PORT,
      ...(env.TURN_RELAY_IP ? { relayIp: env.TURN_RELAY_IP } : {}),
      ...(env.TURN_EXTERNAL_IP ? { externalIp: env.TURN_EXTERNAL_IP } : {}),
      minPort: env.TURN_MIN_PORT,
      maxPort: env.TURN_MAX_PORT,
      realm: host,
      secret,
    },
  });
}

/** Keeps the TURN server running: started at boot, started again if it died. */
export async function superviseTurn(ctx: WorkerContext): Promise<{ started: boolean } | null> {
  // The database may have been down at boot.
  if (ctx.env.TURN_ENABLED && !ctx.turn) await prepareCalls(ctx);
  if (!ctx.turn) return null;
  const { pid, started } = await ctx.turn.ensureRunning();
  if (started) ctx.log.warn({ pid }, "started the TURN server");
  return { started };
}

type Attrs = Record<string, string>;

function attributes(tag: string): Attrs {
  const out: Attrs = {};
  for (const m of tag.matchAll(/([a-z-]+)=(['"])(.*?)\2/g)) if (m[1] && m[3] !== undefined) out[m[1]] = m[3];
  return out;
}

/**
 * Calls, checked as a user's client places them: log in as the probe account, ask the server for its external
 * services (XEP-0215), and make a real TURN allocation with the credentials it hands out.
 */
export async function checkCalls(
  ctx: WorkerContext,
  login: { host: string; port: number; domain: string; username: string; password: string; ca: string },
): Promise<CallsCheck> {
  const started = Date.now();
  const timeoutMs = Math.min(ctx.env.HEALTH_PROBE_TIMEOUT_MS, 5000);
  const done = (c: Omit<CallsCheck, "ms" | "checkedAt">): CallsCheck => ({
    ...c,
    ms: Date.now() - started,
    checkedAt: new Date().toISOString(),
  });
  let services: Attrs[];
  try {
    const session = await xmppLogin({ ...login, timeoutMs, resource: "calls-probe" });
    try {
      session.send(`<iq type='get' id='xdisco1' to='${login.domain}'><services xmlns='urn:xmpp:extdisco:2'/></iq>`);
      const { match } = await session.expect(/<iq[^>]*id='xdisco1'[^>]*(?:\/>|>[\s\S]*?<\/iq>)/, timeoutMs);
      services = [...match[0].matchAll(/<service\b[^>]*>/g)].map((m) => attributes(m[0]));
    } finally {
      await session.close();
    }
  } catch (err) {
    return done({ ok: false, code: "calls_not_announced", message: (err as Error).message });
  }
  const turn = services.find((s) => s.type === "turn" && (s.transport ?? "udp") === "udp");
  if (!turn?.host || !turn.username || !turn.password) {
    return done({ ok: false, code: "calls_not_announced", message: "the server announces no TURN service" });
  }
  try {
    await turnAllocate({
      host: xmlUnescape(turn.host),
      port: Number(turn.port ?? 3478),
      username: xmlUnescape(turn.username),
      password: xmlUnescape(turn.password),
      timeoutMs,
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    return done({
      ok: false,
      code: code === "unauthorized" ? "calls_refused" : "calls_unreachable",
      message: (err as Error).message,
    });
  }
  return done({ ok: true });
}
