-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "backupIntervalHours" INTEGER NOT NULL DEFAULT 24;

-- CreateTable
CREATE TABLE "Backup" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT,
    "instanceId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "verification" TEXT NOT NULL DEFAULT 'pending',
    "verificationError" TEXT,
    "trigger" TEXT NOT NULL DEFAULT 'manual',
    "store" TEXT NOT NULL,
    "storageKey" TEXT,
    "sizeBytes" BIGINT,
    "sha256" TEXT,
    "manifestVersion" INTEGER,
    "durationMs" INTEGER,
    "pausedMs" INTEGER,
    "summary" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Backup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Backup_instanceId_createdAt_idx" ON "Backup"("instanceId", "createdAt");

-- AddForeignKey
ALTER TABLE "Backup" ADD CONSTRAINT "Backup_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

