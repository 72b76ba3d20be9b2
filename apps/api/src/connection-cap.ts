import { BlockList, isIP, type Server, type Socket } from "node:net";

/** TRUST_PROXY as a list of addresses: "loopback", addresses and CIDRs ("true" trusts everyone: null). */
export function trustedPeers(value: string): BlockList | null {
  if (value.trim() === "true") return null;
  const list = new BlockList();
  for (const entry of value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean)) {
    if (entry === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
      continue;
    }
    const [address = "", bits] = entry.split("/");
    const family = isIP(address);
    if (!family) continue; // names Fastify understands but a BlockList cannot hold are simply not exempt
    list.addSubnet(
      address,
      bits === undefined ? (family === 6 ? 128 : 32) : Number(bits),
      family === 6 ? "ipv6" : "ipv4",
    );
  }
  return list;
}

/**
 * Closes a new connection at once when its address already holds `max` open ones, so that one client cannot hold
 * every socket. Trusted proxies (the web app) are exempt: all their clients arrive from their address.
 */
export function capConnectionsPerAddress(server: Server, max: number, exempt: BlockList | null): void {
  if (exempt === null) return;
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const raw = socket.remoteAddress ?? "";
    const address = raw.startsWith("::ffff:") && isIP(raw.slice(7)) === 4 ? raw.slice(7) : raw;
    if (!address || exempt.check(address, isIP(address) === 6 ? "ipv6" : "ipv4")) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
