-- AlterTable
ALTER TABLE "MemberInvite" ADD COLUMN     "email" TEXT;

