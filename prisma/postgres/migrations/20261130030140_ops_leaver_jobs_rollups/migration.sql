-- AlterTable
ALTER TABLE "App" ADD COLUMN     "suspendedKind" TEXT,
ADD COLUMN     "tokensNotBefore" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "UsageRollup" (
    "id" TEXT NOT NULL,
    "granularity" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "latencyTotalMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
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
    "leInf" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UsageRollup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "outcome" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
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
