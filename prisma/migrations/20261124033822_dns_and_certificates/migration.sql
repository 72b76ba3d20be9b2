-- AlterTable
ALTER TABLE "Domain" ADD COLUMN     "certificateError" TEXT,
ADD COLUMN     "certificateErrorAt" TIMESTAMP(3),
ADD COLUMN     "certificateMode" TEXT NOT NULL DEFAULT 'internal',
ADD COLUMN     "dnsCheckedAt" TIMESTAMP(3),
ADD COLUMN     "dnsStatus" TEXT,
ADD COLUMN     "verifiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'internal';

-- CreateTable
CREATE TABLE "DnsCheck" (
    "id" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "records" JSONB NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DnsCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT,
    "kind" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformSecret" (
    "name" TEXT NOT NULL,
    "valueEncrypted" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlatformSecret_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "DnsCheck_domainId_createdAt_idx" ON "DnsCheck"("domainId", "createdAt");

-- CreateIndex
CREATE INDEX "Event_tenantId_createdAt_idx" ON "Event"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Event_resourceType_resourceId_createdAt_idx" ON "Event"("resourceType", "resourceId", "createdAt");

-- AddForeignKey
ALTER TABLE "DnsCheck" ADD CONSTRAINT "DnsCheck_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

