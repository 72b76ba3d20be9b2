-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "code" TEXT,
ADD COLUMN     "params" JSONB NOT NULL DEFAULT '{}';

