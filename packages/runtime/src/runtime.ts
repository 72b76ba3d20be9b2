/** What a runtime needs to know to run one managed instance. Rendered from the database. */
export interface InstanceDomainSpec {
  /** The virtual host, e.g. family.example. MUC is groups.<name>, upload is share.<name>. */
  name: string;
  registration: "closed" | "invite" | "open";
  /** Limits set by the platform for a domain on a shared server; absent on dedicated servers. */
  limits?: DomainLimits;
}

export interface DomainLimits {
  /** Accounts the domain may hold; in-band registration stops there. */
  maxAccounts: number;
  /** Bytes of uploaded files the domain may keep at once. */
  uploadQuotaBytes: number;
  /** Days that message archives (personal and group chat) are kept. */
  archiveDays: number;
}

export interface InstanceSpec {
  id: string;
  server: "prosody" | "ejabberd";
  ports: { c2s: number; s2s: number; http: number };
  /** Address the instance listens on; 127.0.0.1 in development. */
  bindAddress: string;
  domains: InstanceDomainSpec[];
  /** Bare JIDs with server admin rights (XEP-0133). Empty for managed instances: the platform uses the admin socket. */
  admins?: string[];
}

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
  /** Path of the server's admin socket (local runtime), for the driver. */
  adminSocketPath(instanceId: string): string;
}
