import type { Db, Role } from "@xmpp-host/db";
import type { SecretBox } from "./secrets.ts";

/** How core hands work to the queue without knowing about BullMQ. */
export interface OperationQueue {
  enqueue(op: { id: string; type: string }): Promise<void>;
}

/** Tells waiters that an operation ended, so `?wait` answers at once instead of on the next poll. */
export interface OperationEvents {
  /** Resolves when the operation is announced finished, or after `ms`. */
  waitFor(operationId: string, ms: number): Promise<void>;
}

/** Test notifications of alert channels, which the worker sends from the alerts queue. */
export interface AlertTests {
  enqueue(testId: string, channelId: string): Promise<void>;
  /** The worker's answer, or null while there is none. */
  outcome(testId: string): Promise<{ delivered: boolean; durationMs: number } | null>;
}

import type { DomainSettingsPlatform } from "./domain-settings/settings.ts";

export interface CoreContext {
  db: Db;
  queue: OperationQueue;
  events?: OperationEvents;
  alertTests?: AlertTests;
  /** Sends alert notifications already recorded (the worker's sweep sends any left pending). */
  alertNotifications?: { enqueue(notificationIds: string[]): Promise<void> };
  secrets: SecretBox;
  settings: {
    platform?: PlatformDnsSettings;
    renewBeforeDays?: number;
    /** Base of the web app's public pages (invite and co-admin links); default http://localhost:3000. */
    webPublicUrl?: string;
    /** How alert channels reach email (SMTP) and which webhook addresses they may reach. */
    alerts?: {
      smtpUrl?: string | undefined;
      emailFrom: string;
      allowUnauthorizedSmtpTls?: boolean;
      /** Non-public addresses and ranges that webhook channels may reach (ALERT_WEBHOOK_ALLOW). */
      webhookAllow?: readonly string[];
    };
    /** Where the platform runs managed servers (INSTANCE_RUNTIME); new servers are recorded there. Default local. */
    runtime?: "local" | "kubernetes";
    /** The probe interval, so that health views know how fresh a verdict is. */
    probeIntervalMs?: number;
    /** The shared pool that free addresses live on. */
    shared?: SharedHostingSettings;
    /** The ceilings of domains' settings and the defaults that come from the platform. */
    domainSettings?: DomainSettingsPlatform;
  };
}

/** How free addresses are hosted: domains per shared server, and the limits of each domain there. */
export interface SharedHostingSettings {
  /** The kind of server the pool opens. */
  serverKind: "prosody" | "ejabberd";
  maxDomainsPerInstance: number;
  maxAccounts: number;
  uploadQuotaMb: number;
  archiveDays: number;
}

/** What DNS records of a domain must point at. */
export interface PlatformDnsSettings {
  host: string;
  ipv4: string[];
  ipv6: string[];
  baseDomain?: string;
  caaIssuer?: string;
}

/** Who is asking: a logged-in user, or an API token scoped to one tenant. */
export interface Actor {
  userId: string;
  isOperator: boolean;
  /** Set when the request carries an API token: the token only reaches this tenant, with this role at most. */
  token?: { id: string; tenantId: string; role: Role; memberRole?: Role };
}
