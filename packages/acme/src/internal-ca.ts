import { createHash, randomUUID, webcrypto } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as never);

const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

export interface Sealer {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
  names: string[];
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER certificate, hex, as clients show it. */
  fingerprint: string;
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trimEnd();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

function fromPem(pem: string): ArrayBuffer {
  const b64 = pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
  const buf = Buffer.from(b64, "base64");
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

export function fingerprintOf(certPem: string): string {
  return createHash("sha256")
    .update(Buffer.from(fromPem(certPem)))
    .digest("hex");
}

function serial(): string {
  // Positive 16-byte serial.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString("hex");
}

/** A CA as it is stored: its certificate, and its private key in the clear (the store seals it). */
export interface StoredCa {
  certPem: string;
  keyPem: string;
}

/**
 * The platform's own certificate authority, so that STARTTLS works from the first minute, before ACME.
 * Created once; the platform keeps it in its database, sealed with the platform's secrets key.
 */
export class InternalCa {
  private constructor(
    readonly certPem: string,
    private readonly keys: webcrypto.CryptoKeyPair,
    private readonly cert: x509.X509Certificate,
  ) {}

  /** A new CA, valid for ten years, for the caller to store. */
  static async generate(name = "XMPP Platform Internal CA"): Promise<StoredCa> {
    const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
    const now = new Date();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: `CN=${name}, O=XMPP Platform`,
      notBefore: new Date(now.getTime() - 3600_000),
      notAfter: new Date(now.getTime() + 10 * 365 * 24 * 3600_000),
      keys,
      signingAlgorithm: alg,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const keyPem = toPem(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY");
    return { certPem: cert.toString("pem"), keyPem };
  }

  static async fromStored({ certPem, keyPem }: StoredCa): Promise<InternalCa> {
    const cert = new x509.X509Certificate(certPem);
    const privateKey = await webcrypto.subtle.importKey("pkcs8", fromPem(keyPem), alg, true, ["sign"]);
    const publicKey = await cert.publicKey.export(alg, ["verify"], webcrypto as never);
    return new InternalCa(cert.toString("pem"), { privateKey, publicKey } as webcrypto.CryptoKeyPair, cert);
  }

  /** The CA kept in `dir` (ca.json, its key sealed), or null if there is none. */
  static async readDir(dir: string, sealer: Sealer): Promise<StoredCa | null> {
    let body: string;
    try {
      body = await fs.readFile(path.join(dir, "ca.json"), "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
    const { certPem, keySealed } = JSON.parse(body) as { certPem: string; keySealed: string };
    return { certPem, keyPem: sealer.decrypt(keySealed) };
  }

  /** A CA kept in a directory (ca.json), created there on first use: for tools without a database. */
  static async loadOrCreate(dir: string, sealer: Sealer, name = "XMPP Platform Internal CA"): Promise<InternalCa> {
    const found = await InternalCa.readDir(dir, sealer);
    if (found) return InternalCa.fromStored(found);
    await fs.mkdir(dir, { recursive: true });
    const { certPem, keyPem } = await InternalCa.generate(name);
    const file = path.join(dir, "ca.json");
    const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    await fs.writeFile(tmp, JSON.stringify({ certPem, keySealed: sealer.encrypt(keyPem) }), { mode: 0o600 });
    try {
      // link() fails if another process created the CA first; theirs wins and we load it.
      await fs.link(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      await fs.unlink(tmp);
    }
    return InternalCa.loadOrCreate(dir, sealer, name);
  }

  /** Issues a server certificate (serverAuth and clientAuth, for c2s and s2s) for the given DNS names. */
  async issue(names: string[], days = 90): Promise<IssuedCertificate> {
    const [first] = names;
    if (!first) throw new Error("at least one name is needed");
    const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
    const now = new Date();
    const notBefore = new Date(now.getTime() - 3600_000);
    const notAfter = new Date(now.getTime() + days * 24 * 3600_000);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${first}`,
      issuer: this.cert.subject,
      notBefore,
      notAfter,
      signingAlgorithm: alg,
      publicKey: keys.publicKey,
      signingKey: this.keys.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: "dns" as const, value }))),
        await x509.AuthorityKeyIdentifierExtension.create(this.keys.publicKey),
      ],
    });
    const certPem = cert.toString("pem");
    return {
      // The chain a server sends: leaf then CA.
      certPem: `${certPem.trimEnd()}\n${this.certPem.trimEnd()}\n`,
      keyPem: toPem(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY"),
      names,
      issuer: this.cert.subject,
      notBefore,
      notAfter,
      fingerprint: fingerprintOf(certPem),
    };
  }
}
