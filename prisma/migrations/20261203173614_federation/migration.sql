-- AlterTable
ALTER TABLE "InstanceHealth" ADD COLUMN     "federation" JSONB;

-- CreateTable
CREATE TABLE "FederationPeer" (
    "domainId" TEXT NOT NULL,
    "remote" TEXT NOT NULL,
    "lastSeenAt" TIMESTAMP(3),
    "refusedIncoming" INTEGER NOT NULL DEFAULT 0,
    "refusedOutgoing" INTEGER NOT NULL DEFAULT 0,
    "lastRefusedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FederationPeer_pkey" PRIMARY KEY ("domainId","remote")
);

-- CreateIndex
CREATE INDEX "FederationPeer_domainId_updatedAt_idx" ON "FederationPeer"("domainId", "updatedAt");

-- AddForeignKey
ALTER TABLE "FederationPeer" ADD CONSTRAINT "FederationPeer_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

