import type { AdminChannel, InstanceLayout, InstanceSpec } from "@xmpp-host/xmpp";

export type { DomainLimits, InstanceDomainSpec, InstanceSpec } from "@xmpp-host/xmpp";

export interface RuntimeStatus {
  running: boolean;
  pid: number | null;
}

export interface InstanceRuntime {
  readonly kind: "local" | "kubernetes";
  /** Writes the rendered configuration; does not start or reload anything. Returns true if it changed. */
  writeConfig(spec: InstanceSpec): Promise<boolean>;
  /** Writes the certificate and key used for `host` (PEM). Returns true if they changed. */
  writeCertificate(instanceId: string, host: string, certPem: string, keyPem: string): Promise<boolean>;
  /** Starts the instance if it is not running (adopting a running one), and waits until it accepts connections. */
  start(spec: InstanceSpec): Promise<RuntimeStatus>;
  stop(instanceId: string): Promise<void>;
  /** Stops the instance and removes all its files. */
  destroy(instanceId: string): Promise<void>;
  /**
   * Removes everything the server keeps for these hosts (their stored data, certificates and keys); the hosts must
   * already be deactivated. Other hosts of the instance are untouched.
   */
  removeHostData(instanceId: string, hosts: string[]): Promise<void>;
  status(instanceId: string): Promise<RuntimeStatus>;
  /** How the platform reaches the server's administration (its kind's driver takes it). */
  adminChannel(spec: InstanceSpec): AdminChannel;
  /** The instance's folders as this process sees them: its data (backups read and restore it) and certificates. */
  layout(instanceId: string): InstanceLayout;
  /** Gives files the platform wrote into the instance's folders (a restore) back to the server's account. */
  handOver(instanceId: string): Promise<void>;
  /**
   * For a runtime whose files are not this machine's (Kubernetes): copies the server's data folder, or only the
   * `only` folders in it, into `dest` here, the server paused meanwhile when `pause`. Returns how long it was paused.
   */
  copyDataOut?(
    instanceId: string,
    opts: { dest: string; only?: string[]; pause: boolean },
  ): Promise<{ pausedMs: number }>;
  /**
   * For a runtime whose files are not this machine's: replaces the server's data folder with the content of `src`
   * here, or only the `only` folders in it (a folder absent from `src` is removed). A whole replacement needs the
   * server stopped; folders may be replaced while it runs, their hosts switched off.
   */
  replaceData?(instanceId: string, src: string, opts?: { only?: string[] }): Promise<void>;
  /** Where this process reaches the server's ports: its bind address here, its Service's name on Kubernetes. */
  address(instance: { id: string; host: string }): string;
  /** The certificate file the server presents for `host`. */
  certificateFile(instanceId: string, host: string): string;
}
