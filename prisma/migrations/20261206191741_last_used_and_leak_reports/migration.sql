-- AlterTable
ALTER TABLE "App" ADD COLUMN "lastUsedAt" DATETIME;
ALTER TABLE "App" ADD COLUMN "lastUsedIp" TEXT;

-- AlterTable
ALTER TABLE "ClientSecret" ADD COLUMN "lastUsedAt" DATETIME;
ALTER TABLE "ClientSecret" ADD COLUMN "lastUsedIp" TEXT;

-- CreateTable
CREATE TABLE "SecretLeakReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "lastFour" TEXT NOT NULL,
    "tokenType" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "foundIn" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "companyId" TEXT,
    "appId" TEXT,
    "secretId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SecretLeakReport_companyId_createdAt_idx" ON "SecretLeakReport"("companyId", "createdAt");

-- CreateIndex
CREATE INDEX "SecretLeakReport_createdAt_idx" ON "SecretLeakReport"("createdAt");

-- CreateIndex
CREATE INDEX "ClientSecret_digest_idx" ON "ClientSecret"("digest");
