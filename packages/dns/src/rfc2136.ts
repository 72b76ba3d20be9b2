/**
 * RFC 2136 dynamic UPDATE, signed with TSIG (RFC 8945), over UDP with a TCP fallback. Works with BIND's named,
 * Knot, PowerDNS and any server that accepts signed updates for the zone.
 */
import { randomInt } from "node:crypto";
import { isValidName, isWithin, normalizeName } from "./names.ts";
import {
  type DnsProvider,
  DnsProviderRefusedError,
  DnsProviderUnavailableError,
  type DnsRecordInput,
} from "./provider.ts";
import { DnsExchangeError, exchange } from "./transport.ts";
import { readTsig, signMessage, type TsigKey, verifyResponse } from "./tsig.ts";
import {
  CLASS,
  encodeMessage,
  encodeRdata,
  OPCODE,
  type ParsedMessage,
  parseMessage,
  RCODE_NAMES,
  TYPE,
  type WireRecord,
} from "./wire.ts";

export interface Rfc2136Options {
  server: string;
  port?: number;
  /** The zone the server is authoritative for and accepts updates to, e.g. "chat.example". */
  zone: string;
  tsig?: TsigKey;
  /** Per attempt; default 2000 ms. */
  timeoutMs?: number;
  /** UDP attempts before giving up; default 2. */
  tries?: number;
  /** "udp" (default) falls back to TCP when the answer is truncated or the request exceeds 512 bytes. */
  transport?: "udp" | "tcp";
  /** Default TTL for records without one; default 300. */
  defaultTtl?: number;
}

export class Rfc2136Provider implements DnsProvider {
  readonly kind = "rfc2136" as const;
  private readonly zone: string;
  private readonly port: number;
  private readonly timeoutMs: number;
  private readonly tries: number;

  constructor(private readonly opts: Rfc2136Options) {
    this.zone = normalizeName(opts.zone);
    this.port = opts.port ?? 53;
    this.timeoutMs = opts.timeoutMs ?? 2000;
    this.tries = Math.max(1, opts.tries ?? 2);
    if (opts.tsig && opts.tsig.algorithm.toLowerCase() !== "hmac-sha256") {
      throw new RangeError(`unsupported TSIG algorithm ${opts.tsig.algorithm}: use hmac-sha256`);
    }
  }

  handles(name: string): boolean {
    return isValidName(name) && isWithin(name, this.zone);
  }

  async addRecord(record: DnsRecordInput): Promise<void> {
    // RFC 2136 §3.4.2.2: adding an RR that exists only refreshes it, so a repeated add is harmless.
    await this.update([this.toWire(record, CLASS.IN, record.ttl ?? this.opts.defaultTtl ?? 300)]);
  }

  async removeRecord(record: DnsRecordInput): Promise<void> {
    // Class NONE with the rdata deletes exactly that RR (§2.5.4); deleting an absent RR is a no-op.
    await this.update([this.toWire(record, CLASS.NONE, 0)]);
  }

  private toWire(record: DnsRecordInput, cls: number, ttl: number): WireRecord {
    if (!this.handles(record.name)) {
      throw new DnsProviderRefusedError(`${record.name} is not inside the zone ${this.zone}`);
    }
    let rdata: Buffer;
    try {
      rdata = encodeRdata(record.type, record.value);
    } catch (err) {
      throw new DnsProviderRefusedError(`invalid ${record.type} record for ${record.name}: ${(err as Error).message}`);
    }
    return { name: normalizeName(record.name), type: TYPE[record.type], class: cls, ttl, rdata };
  }

  /** Sends one UPDATE with the given update section and checks the answer. */
  async update(updates: WireRecord[]): Promise<void> {
    const id = randomInt(0x10000);
    const unsigned = encodeMessage({
      id,
      opcode: OPCODE.UPDATE,
      questions: [{ name: this.zone, type: TYPE.SOA, class: CLASS.IN }], // the zone section
      authorities: updates, // the update section
    });
    const { signed, mac } = this.opts.tsig
      ? signMessage(unsigned, this.opts.tsig)
      : { signed: unsigned, mac: Buffer.alloc(0) };

    let raw: Buffer;
    try {
      raw = await exchange({ address: this.opts.server, port: this.port }, signed, id, {
        timeoutMs: this.timeoutMs,
        tries: this.tries,
        transport: this.opts.transport,
      });
    } catch (err) {
      if (err instanceof DnsExchangeError) throw new DnsProviderUnavailableError(err.message, { cause: err });
      throw err;
    }
    this.checkAnswer(raw, id, mac);
  }

  private checkAnswer(raw: Buffer, id: number, requestMac: Buffer): void {
    let msg: ParsedMessage;
    try {
      msg = parseMessage(raw);
    } catch (err) {
      throw new DnsProviderUnavailableError(`malformed answer from ${this.where()}: ${(err as Error).message}`);
    }
    if (msg.id !== id || !msg.qr || msg.opcode !== OPCODE.UPDATE) {
      throw new DnsProviderUnavailableError(`unexpected answer from ${this.where()}`);
    }
    const tsig = readTsig(raw, msg);
    if (tsig && tsig.error !== 0) {
      // BADSIG / BADKEY / BADTIME: the server did not accept our key; the answer itself is unsigned.
      throw new DnsProviderRefusedError(
        `${this.where()} rejected the TSIG signature: ${RCODE_NAMES[tsig.error] ?? tsig.error}` +
          (tsig.error === 18 ? " (clocks differ by more than 5 minutes)" : ""),
      );
    }
    if (msg.rcode === 2) {
      throw new DnsProviderUnavailableError(`${this.where()} answered SERVFAIL to the update of ${this.zone}`);
    }
    if (msg.rcode !== 0) {
      throw new DnsProviderRefusedError(
        `${this.where()} refused the update of ${this.zone}: ${RCODE_NAMES[msg.rcode] ?? `rcode ${msg.rcode}`}`,
      );
    }
    if (this.opts.tsig) {
      // A success we cannot authenticate may be forged; treat it as not done.
      if (!tsig || !verifyResponse(raw, tsig, this.opts.tsig, requestMac)) {
        throw new DnsProviderUnavailableError(`the answer from ${this.where()} carries no valid TSIG signature`);
      }
      if (Math.abs(Math.floor(Date.now() / 1000) - tsig.timeSigned) > tsig.fudge) {
        throw new DnsProviderUnavailableError(`the answer from ${this.where()} is signed outside the time window`);
      }
    }
  }

  private where(): string {
    return `${this.opts.server}:${this.port}`;
  }
}
