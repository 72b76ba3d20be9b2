import net from "node:net";

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
