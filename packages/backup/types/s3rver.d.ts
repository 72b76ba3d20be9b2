// Minimal types for the parts of s3rver (a dev dependency, used as a local S3 in tests) this package uses.
declare module "s3rver" {
  import type { AddressInfo } from "node:net";

  interface S3rverOptions {
    port?: number;
    address?: string;
    directory?: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }
  export default class S3rver {
    constructor(options?: S3rverOptions);
    /** Set by run(). */
    httpServer?: import("node:http").Server;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
