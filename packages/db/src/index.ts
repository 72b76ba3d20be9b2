import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "./generated/client.ts";

export * from "./generated/client.ts";
export { Prisma };

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

const clients = new Map<string, PrismaClient>();

/** One Prisma client per database URL for the process. */
export function getDb(url = process.env.DATABASE_URL): PrismaClient {
  if (!url) throw new Error("DATABASE_URL is not set");
  let client = clients.get(url);
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 20 }) });
    clients.set(url, client);
  }
  return client;
}

export async function disconnectAll(): Promise<void> {
  await Promise.all([...clients.values()].map((c) => c.$disconnect()));
  clients.clear();
}

export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}
