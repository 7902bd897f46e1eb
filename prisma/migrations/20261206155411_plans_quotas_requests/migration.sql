-- CreateTable
CREATE TABLE "Plan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ratePerMinute" INTEGER,
    "callsPerDay" INTEGER,
    "callsPerMonth" INTEGER,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Plan_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuotaCounter" (
    "appId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "notified" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("appId", "apiId", "window")
);

-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "requesterId" TEXT,
    "companyId" TEXT,
    "appId" TEXT,
    "apiId" TEXT,
    "planId" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "details" TEXT NOT NULL DEFAULT '{}',
    "decidedById" TEXT,
    "decisionReason" TEXT NOT NULL DEFAULT '',
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Api" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL DEFAULT '1.0',
    "summary" TEXT NOT NULL DEFAULT '',
    "documentation" TEXT NOT NULL DEFAULT '',
    "endpoint" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PUBLISHED',
    "openToAll" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "openapi" TEXT,
    "openapiUpdatedAt" DATETIME,
    "upstreamUrl" TEXT,
    "upstreamTimeoutMs" INTEGER NOT NULL DEFAULT 30000,
    "upstreamHeaders" TEXT,
    "bodyLimitBytes" INTEGER NOT NULL DEFAULT 10485760,
    "requiresApproval" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_Api" ("bodyLimitBytes", "createdAt", "documentation", "endpoint", "id", "name", "openToAll", "openapi", "openapiUpdatedAt", "slug", "status", "summary", "updatedAt", "upstreamHeaders", "upstreamTimeoutMs", "upstreamUrl", "version") SELECT "bodyLimitBytes", "createdAt", "documentation", "endpoint", "id", "name", "openToAll", "openapi", "openapiUpdatedAt", "slug", "status", "summary", "updatedAt", "upstreamHeaders", "upstreamTimeoutMs", "upstreamUrl", "version" FROM "Api";
DROP TABLE "Api";
ALTER TABLE "new_Api" RENAME TO "Api";
CREATE UNIQUE INDEX "Api_slug_key" ON "Api"("slug");
CREATE INDEX "Api_name_idx" ON "Api"("name");
CREATE TABLE "new_AppApiSubscription" (
    "appId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "planId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',

    PRIMARY KEY ("appId", "apiId"),
    CONSTRAINT "AppApiSubscription_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AppApiSubscription_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AppApiSubscription_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AppApiSubscription" ("apiId", "appId", "createdAt") SELECT "apiId", "appId", "createdAt" FROM "AppApiSubscription";
DROP TABLE "AppApiSubscription";
ALTER TABLE "new_AppApiSubscription" RENAME TO "AppApiSubscription";
CREATE INDEX "AppApiSubscription_apiId_idx" ON "AppApiSubscription"("apiId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Plan_apiId_name_key" ON "Plan"("apiId", "name");

-- CreateIndex
CREATE INDEX "AccessRequest_status_createdAt_idx" ON "AccessRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "AccessRequest_companyId_createdAt_idx" ON "AccessRequest"("companyId", "createdAt");

-- Every API gets an unlimited default plan, and every existing subscription takes it.
INSERT INTO "Plan" ("id", "apiId", "name", "isDefault", "createdAt", "updatedAt") SELECT 'pln_' || "id", "id", 'Default', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM "Api";
UPDATE "AppApiSubscription" SET "planId" = 'pln_' || "apiId";
