-- AlterTable
ALTER TABLE "AuthorizationCode" ADD COLUMN "authTime" DATETIME;
ALTER TABLE "AuthorizationCode" ADD COLUMN "nonce" TEXT;
ALTER TABLE "AuthorizationCode" ADD COLUMN "resource" TEXT;

-- CreateTable
CREATE TABLE "AuthorizationTransaction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "userId" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "consumedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DeviceAuthorization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceCodeDigest" TEXT NOT NULL,
    "userCode" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '',
    "resource" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "userId" TEXT,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 5,
    "lastPolledAt" DATETIME,
    "expiresAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_App" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "createdById" TEXT,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "suspendedReason" TEXT,
    "grantTypes" JSONB NOT NULL,
    "redirectUri" TEXT,
    "termsVersion" TEXT NOT NULL,
    "termsAcceptedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "kind" TEXT,
    "clientType" TEXT NOT NULL DEFAULT 'confidential',
    "requirePkce" BOOLEAN NOT NULL DEFAULT false,
    "requireDpop" BOOLEAN NOT NULL DEFAULT false,
    "requirePar" BOOLEAN NOT NULL DEFAULT false,
    "postLogoutRedirectUri" TEXT,
    "allowedOrigins" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "App_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "App_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_App" ("clientId", "companyId", "createdAt", "createdById", "description", "grantTypes", "id", "name", "nameKey", "redirectUri", "status", "suspendedReason", "termsAcceptedAt", "termsVersion", "updatedAt") SELECT "clientId", "companyId", "createdAt", "createdById", "description", "grantTypes", "id", "name", "nameKey", "redirectUri", "status", "suspendedReason", "termsAcceptedAt", "termsVersion", "updatedAt" FROM "App";
DROP TABLE "App";
ALTER TABLE "new_App" RENAME TO "App";
CREATE UNIQUE INDEX "App_clientId_key" ON "App"("clientId");
CREATE INDEX "App_companyId_createdAt_idx" ON "App"("companyId", "createdAt");
CREATE INDEX "App_createdById_createdAt_idx" ON "App"("createdById", "createdAt");
CREATE INDEX "App_companyId_status_idx" ON "App"("companyId", "status");
CREATE UNIQUE INDEX "App_companyId_nameKey_key" ON "App"("companyId", "nameKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuthorizationTransaction_expiresAt_idx" ON "AuthorizationTransaction"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceAuthorization_deviceCodeDigest_key" ON "DeviceAuthorization"("deviceCodeDigest");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceAuthorization_userCode_key" ON "DeviceAuthorization"("userCode");

-- CreateIndex
CREATE INDEX "DeviceAuthorization_expiresAt_idx" ON "DeviceAuthorization"("expiresAt");

-- CreateIndex
CREATE INDEX "DeviceAuthorization_appId_idx" ON "DeviceAuthorization"("appId");
