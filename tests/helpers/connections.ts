import net from "node:net";
import { expect } from "vitest";

/** Opens `count` TCP connections from `from` (any 127.0.0.0/8 address is this machine) and waits until each is up. */
export async function openConnections(port: number, from: string, count: number): Promise<net.Socket[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const socket = net.connect({ host: "127.0.0.1", port, localAddress: from });
          socket.once("connect", () => resolve(socket));
          socket.once("error", reject);
        }),
    ),
  );
}

/**
 * Whether the server closes a new connection from `from` without answering a request on it within `ms`
 * ("closed"), or answers it ("answered").
 */
export async function fateOfOneMore(port: number, from: string, ms = 3000): Promise<"closed" | "answered"> {
  const socket = net.connect({ host: "127.0.0.1", port, localAddress: from });
  socket.on("error", () => undefined);
  return new Promise((resolve) => {
    let data = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(data ? "answered" : "closed");
    }, ms);
    socket.once("connect", () => socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    socket.on("data", (d: Buffer) => {
      data += d.toString();
    });
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(data.startsWith("HTTP/1.1") ? "answered" : "closed");
    });
  });
}

/**
 * Checks a per-address cap of 5 open connections on `port`, with 127.0.0.1 as the trusted proxy: with 5 held from
 * 127.0.0.9 a sixth from there is closed, while another client and the proxy (with 8 of its own) are answered.
 * `more` runs next, while the 5 are still held; they are closed at the end.
 */
export async function checkConnectionCap(port: number, more?: (held: net.Socket[]) => Promise<void>): Promise<void> {
  const held = await openConnections(port, "127.0.0.9", 5);
  try {
    expect(await fateOfOneMore(port, "127.0.0.9")).toBe("closed");
    // Another client, and the trusted proxy with many connections of its own, are served.
    expect(await fateOfOneMore(port, "127.0.0.10")).toBe("answered");
    const proxied = await openConnections(port, "127.0.0.1", 8);
    expect(await fateOfOneMore(port, "127.0.0.1")).toBe("answered");
    for (const s of proxied) s.destroy();
    await more?.(held);
  } finally {
    for (const s of held) s.destroy();
  }
}
