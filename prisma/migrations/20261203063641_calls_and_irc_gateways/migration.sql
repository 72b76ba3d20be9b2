-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "ircGatewayQuota" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "ircMaxConnections" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "ircMaxServers" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "componentPort" INTEGER;

-- AlterTable
ALTER TABLE "InstanceHealth" ADD COLUMN     "calls" JSONB;

-- CreateTable
CREATE TABLE "IrcGateway" (
    "domainId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "state" "ResourceState" NOT NULL DEFAULT 'pending',
    "secretEncrypted" TEXT NOT NULL,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IrcGateway_pkey" PRIMARY KEY ("domainId")
);

-- CreateIndex
CREATE INDEX "IrcGateway_tenantId_idx" ON "IrcGateway"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Instance_componentPort_key" ON "Instance"("componentPort");

-- AddForeignKey
ALTER TABLE "IrcGateway" ADD CONSTRAINT "IrcGateway_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

