-- AlterTable
ALTER TABLE "Invite" DROP COLUMN "addInviterAsContact",
ADD COLUMN     "inviterAccountId" TEXT,
ADD COLUMN     "serverUses" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "tokenEncrypted" TEXT NOT NULL;

-- CreateTable
CREATE TABLE "MemberInvite" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tokenEncrypted" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "acceptedById" TEXT,
    "revokedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberInvite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MemberInvite_tokenHash_key" ON "MemberInvite"("tokenHash");

-- CreateIndex
CREATE INDEX "MemberInvite_tenantId_createdAt_idx" ON "MemberInvite"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Invite_domainId_createdAt_idx" ON "Invite"("domainId", "createdAt");

