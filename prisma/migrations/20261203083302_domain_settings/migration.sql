-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "region" TEXT;

-- AlterTable
ALTER TABLE "Domain" ADD COLUMN     "extraOptions" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "settings" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "DomainLogo" (
    "domainId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DomainLogo_pkey" PRIMARY KEY ("domainId")
);

-- AddForeignKey
ALTER TABLE "DomainLogo" ADD CONSTRAINT "DomainLogo_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

