-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "adminSecretEncrypted" TEXT;

