-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UsageCounter" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
INSERT INTO "new_UsageCounter" ("apiId", "appId", "calls", "companyId", "id", "latencyTotalMs", "minute", "outcome") SELECT "apiId", "appId", "calls", "companyId", "id", "latencyTotalMs", "minute", "outcome" FROM "UsageCounter";
DROP TABLE "UsageCounter";
ALTER TABLE "new_UsageCounter" RENAME TO "UsageCounter";
CREATE INDEX "UsageCounter_appId_minute_idx" ON "UsageCounter"("appId", "minute");
CREATE INDEX "UsageCounter_companyId_minute_idx" ON "UsageCounter"("companyId", "minute");
CREATE INDEX "UsageCounter_apiId_minute_idx" ON "UsageCounter"("apiId", "minute");
CREATE INDEX "UsageCounter_minute_idx" ON "UsageCounter"("minute");
CREATE UNIQUE INDEX "UsageCounter_appId_apiId_minute_outcome_key" ON "UsageCounter"("appId", "apiId", "minute", "outcome");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
