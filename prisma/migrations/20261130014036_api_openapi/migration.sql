-- AlterTable
ALTER TABLE "Api" ADD COLUMN "openapi" TEXT;
ALTER TABLE "Api" ADD COLUMN "openapiUpdatedAt" DATETIME;
