/**
 * The platform's TURN/STUN service as the worker supervises it. `LocalTurnServer` runs coturn on this machine; an
 * implementation for Kubernetes can sit behind the same interface (and pass `turnServiceContract`).
 */
export interface TurnService {
  /** Starts it unless it runs with the current settings; `started` says whether a new process was started. */
  ensureRunning(): Promise<{ pid: number; started: boolean }>;
  stop(): Promise<void>;
  status(): { running: boolean; pid: number | null };
  /** Where the platform itself reaches it (probes, readiness). */
  endpoint(): { host: string; port: number };
}
