-- AlterTable
ALTER TABLE "Instance" ADD COLUMN     "renderedAt" TIMESTAMP(3),
ADD COLUMN     "renderedConfig" JSONB;
