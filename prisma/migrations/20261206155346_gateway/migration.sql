-- CreateTable
CREATE TABLE "RequestLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" TEXT NOT NULL DEFAULT '',
    "status" INTEGER NOT NULL,
    "statusClass" INTEGER NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "requestId" TEXT NOT NULL
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
    "bodyLimitBytes" INTEGER NOT NULL DEFAULT 10485760
);
INSERT INTO "new_Api" ("createdAt", "documentation", "endpoint", "id", "name", "openToAll", "openapi", "openapiUpdatedAt", "slug", "status", "summary", "updatedAt", "version") SELECT "createdAt", "documentation", "endpoint", "id", "name", "openToAll", "openapi", "openapiUpdatedAt", "slug", "status", "summary", "updatedAt", "version" FROM "Api";
DROP TABLE "Api";
ALTER TABLE "new_Api" RENAME TO "Api";
CREATE UNIQUE INDEX "Api_slug_key" ON "Api"("slug");
CREATE INDEX "Api_name_idx" ON "Api"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RequestLog_appId_at_id_idx" ON "RequestLog"("appId", "at", "id");

-- CreateIndex
CREATE INDEX "RequestLog_companyId_at_id_idx" ON "RequestLog"("companyId", "at", "id");

-- CreateIndex
CREATE INDEX "RequestLog_at_idx" ON "RequestLog"("at");
