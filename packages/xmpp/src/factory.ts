import type { XmppServerDriver } from "./driver.ts";
import { ProsodyDriver, type ProsodyDriverOptions } from "./drivers/prosody/index.ts";

/** Options for the driver of a given server kind (only Prosody exists so far). */
export type DriverOptions = ProsodyDriverOptions;

export function createDriver(server: XmppServerDriver["server"], opts: DriverOptions): XmppServerDriver {
  switch (server) {
    case "prosody":
      return new ProsodyDriver(opts);
    case "ejabberd":
      throw new Error("createDriver: the ejabberd driver is not implemented yet");
    default: {
      const never: never = server;
      throw new Error(`createDriver: unknown server ${String(never)}`);
    }
  }
}
