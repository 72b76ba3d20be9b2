import type { Db, Role } from "@xmpp-host/db";
import type { SecretBox } from "./secrets.ts";

/** How core hands work to the queue without knowing about BullMQ. */
export interface OperationQueue {
  enqueue(op: { id: string; type: string }): Promise<void>;
}

export interface CoreContext {
  db: Db;
  queue: OperationQueue;
  secrets: SecretBox;
  settings: {
    portRange: [number, number];
    bindAddress: string;
  };
}

/** Who is asking: a logged-in user, or an API token scoped to one tenant. */
export interface Actor {
  userId: string;
  isOperator: boolean;
  /** Set when the request carries an API token: the token only reaches this tenant, with this role at most. */
  token?: { id: string; tenantId: string; role: Role };
}
