-- AlterTable
ALTER TABLE "App" ADD COLUMN     "lastUsedAt" TIMESTAMP(3),
ADD COLUMN     "lastUsedIp" TEXT;

-- AlterTable
ALTER TABLE "ClientSecret" ADD COLUMN     "lastUsedAt" TIMESTAMP(3),
ADD COLUMN     "lastUsedIp" TEXT;

-- CreateTable
CREATE TABLE "SecretLeakReport" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SecretLeakReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SecretLeakReport_companyId_createdAt_idx" ON "SecretLeakReport"("companyId", "createdAt");

-- CreateIndex
CREATE INDEX "SecretLeakReport_createdAt_idx" ON "SecretLeakReport"("createdAt");

-- CreateIndex
CREATE INDEX "ClientSecret_digest_idx" ON "ClientSecret"("digest");
