-- AlterTable
ALTER TABLE "Domain" ADD COLUMN     "dnsWatchUntil" TIMESTAMP(3);
