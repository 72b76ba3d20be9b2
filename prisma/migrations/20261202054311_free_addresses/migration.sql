-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "domainQuota" INTEGER NOT NULL DEFAULT 10;

-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "maxDomains" INTEGER;

-- AlterTable
ALTER TABLE "Backup" ADD COLUMN     "domainId" TEXT;

-- CreateIndex
CREATE INDEX "Instance_placement_status_idx" ON "Instance"("placement", "status");

-- CreateIndex
CREATE INDEX "Backup_domainId_createdAt_idx" ON "Backup"("domainId", "createdAt");

-- AddForeignKey
ALTER TABLE "Backup" ADD CONSTRAINT "Backup_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

