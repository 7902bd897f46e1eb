-- AlterTable
ALTER TABLE "UsageCounter" DROP COLUMN "latencyBuckets",
ADD COLUMN     "le1" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "le10" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "le100" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "le1000" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "le2" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "le25" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "le250" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "le2500" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "le5" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "le50" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "le500" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "le5000" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "leInf" INTEGER NOT NULL DEFAULT 0,
DROP COLUMN "minute",
ADD COLUMN     "minute" INTEGER NOT NULL;

-- CreateIndex
CREATE INDEX "UsageCounter_appId_minute_idx" ON "UsageCounter"("appId", "minute");

-- CreateIndex
CREATE INDEX "UsageCounter_companyId_minute_idx" ON "UsageCounter"("companyId", "minute");

-- CreateIndex
CREATE INDEX "UsageCounter_apiId_minute_idx" ON "UsageCounter"("apiId", "minute");

-- CreateIndex
CREATE INDEX "UsageCounter_minute_idx" ON "UsageCounter"("minute");

-- CreateIndex
CREATE UNIQUE INDEX "UsageCounter_appId_apiId_minute_outcome_key" ON "UsageCounter"("appId", "apiId", "minute", "outcome");
