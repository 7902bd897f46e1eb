-- AlterTable
ALTER TABLE "App" ADD COLUMN "suspendedKind" TEXT;
ALTER TABLE "App" ADD COLUMN "tokensNotBefore" DATETIME;

-- CreateTable
CREATE TABLE "UsageRollup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "granularity" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "latencyTotalMs" REAL NOT NULL DEFAULT 0,
    "le1" INTEGER NOT NULL DEFAULT 0,
    "le2" INTEGER NOT NULL DEFAULT 0,
    "le5" INTEGER NOT NULL DEFAULT 0,
    "le10" INTEGER NOT NULL DEFAULT 0,
    "le25" INTEGER NOT NULL DEFAULT 0,
    "le50" INTEGER NOT NULL DEFAULT 0,
    "le100" INTEGER NOT NULL DEFAULT 0,
    "le250" INTEGER NOT NULL DEFAULT 0,
    "le500" INTEGER NOT NULL DEFAULT 0,
    "le1000" INTEGER NOT NULL DEFAULT 0,
    "le2500" INTEGER NOT NULL DEFAULT 0,
    "le5000" INTEGER NOT NULL DEFAULT 0,
    "leInf" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "outcome" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "UsageRollup_appId_minute_idx" ON "UsageRollup"("appId", "minute");

-- CreateIndex
CREATE INDEX "UsageRollup_companyId_minute_idx" ON "UsageRollup"("companyId", "minute");

-- CreateIndex
CREATE INDEX "UsageRollup_apiId_minute_idx" ON "UsageRollup"("apiId", "minute");

-- CreateIndex
CREATE INDEX "UsageRollup_granularity_minute_idx" ON "UsageRollup"("granularity", "minute");

-- CreateIndex
CREATE UNIQUE INDEX "UsageRollup_appId_apiId_granularity_minute_outcome_key" ON "UsageRollup"("appId", "apiId", "granularity", "minute", "outcome");

-- CreateIndex
CREATE INDEX "JobRun_name_startedAt_idx" ON "JobRun"("name", "startedAt");

-- CreateIndex
CREATE INDEX "JobRun_startedAt_idx" ON "JobRun"("startedAt");

-- data: apps suspended before this migration: those suspended because their owner left or lost the
-- API Developer role (the reason lib/companies wrote) are a leaver's apps; any other was an administrator's.
UPDATE "App" SET "suspendedKind" = CASE WHEN "suspendedReason" LIKE 'Its owner %' THEN 'LEAVER' ELSE 'ADMIN' END WHERE "status" = 'SUSPENDED';
