-- AlterTable
ALTER TABLE "Api" ADD COLUMN     "openapi" TEXT,
ADD COLUMN     "openapiUpdatedAt" TIMESTAMP(3);
