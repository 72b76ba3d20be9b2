-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "directTlsPort" INTEGER,
ADD COLUMN     "httpsPort" INTEGER;

-- AlterTable
ALTER TABLE "Domain" ADD COLUMN     "complianceBadgePublic" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ComplianceRun" (
    "id" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "suites" JSONB NOT NULL,
    "results" JSONB NOT NULL,
    "trigger" TEXT NOT NULL,
    "server" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplianceRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ComplianceRun_domainId_createdAt_idx" ON "ComplianceRun"("domainId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Instance_directTlsPort_key" ON "Instance"("directTlsPort");

-- CreateIndex
CREATE UNIQUE INDEX "Instance_httpsPort_key" ON "Instance"("httpsPort");

-- AddForeignKey
ALTER TABLE "ComplianceRun" ADD CONSTRAINT "ComplianceRun_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

