-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN "expiresAt" DATETIME;
ALTER TABLE "Invitation" ADD COLUMN "sentAt" DATETIME;
ALTER TABLE "Invitation" ADD COLUMN "tokenDigest" TEXT;

-- AlterTable
ALTER TABLE "Api" ADD COLUMN "openapi" TEXT;
ALTER TABLE "Api" ADD COLUMN "openapiUpdatedAt" DATETIME;

-- AlterTable
ALTER TABLE "AuthorizationCode" ADD COLUMN "authTime" DATETIME;
ALTER TABLE "AuthorizationCode" ADD COLUMN "nonce" TEXT;
ALTER TABLE "AuthorizationCode" ADD COLUMN "resource" TEXT;

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

-- CreateTable
CREATE TABLE "TotpFactor" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "secretCiphertext" TEXT NOT NULL,
    "confirmedAt" DATETIME,
    "lastTimeStep" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "codeDigest" TEXT NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Passkey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "counter" INTEGER NOT NULL DEFAULT 0,
    "transports" JSONB,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AuthChallenge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "kind" TEXT NOT NULL,
    "challenge" TEXT,
    "data" JSONB,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TrustedBrowser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "tokenDigest" TEXT NOT NULL,
    "userAgent" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME
);

-- CreateTable
CREATE TABLE "CompanySecurityPolicy" (
    "companyId" TEXT NOT NULL PRIMARY KEY,
    "requireTwoFactor" BOOLEAN NOT NULL DEFAULT false,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

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

-- CreateTable
CREATE TABLE "OutboxMail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "actionUrl" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "loggedAt" DATETIME,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AccountToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccountToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "ip" TEXT NOT NULL DEFAULT '',
    "userAgent" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PersonalAccessToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "lastFour" TEXT NOT NULL,
    "scopes" JSONB NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scopeKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "status" INTEGER,
    "body" TEXT,
    "headers" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "InitialAccessToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "lastFour" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "maxUses" INTEGER NOT NULL,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "grantTypes" JSONB NOT NULL,
    "apiIds" JSONB NOT NULL,
    "termsVersion" TEXT NOT NULL,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ClientRegistration" (
    "appId" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "initialTokenId" TEXT,
    "accessDigest" TEXT NOT NULL,
    "metadata" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ClientRegistration_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "isPlatformAdmin" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "sessionsValidAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "emailVerifiedAt" DATETIME,
    "noticesEnabled" BOOLEAN NOT NULL DEFAULT true
);
INSERT INTO "new_User" ("createdAt", "email", "id", "isPlatformAdmin", "lastSignInAt", "name", "passwordHash", "sessionsValidAfter", "status", "updatedAt") SELECT "createdAt", "email", "id", "isPlatformAdmin", "lastSignInAt", "name", "passwordHash", "sessionsValidAfter", "status", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_status_idx" ON "User"("status");
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
    "tokensNotBefore" DATETIME,
    "suspendedKind" TEXT,
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

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryCode_codeDigest_key" ON "RecoveryCode"("codeDigest");

-- CreateIndex
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Passkey_credentialId_key" ON "Passkey"("credentialId");

-- CreateIndex
CREATE INDEX "Passkey_userId_idx" ON "Passkey"("userId");

-- CreateIndex
CREATE INDEX "AuthChallenge_expiresAt_idx" ON "AuthChallenge"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrustedBrowser_tokenDigest_key" ON "TrustedBrowser"("tokenDigest");

-- CreateIndex
CREATE INDEX "TrustedBrowser_userId_idx" ON "TrustedBrowser"("userId");

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

-- CreateIndex
CREATE INDEX "OutboxMail_status_nextAttemptAt_idx" ON "OutboxMail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMail_toAddress_createdAt_idx" ON "OutboxMail"("toAddress", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMail_createdAt_idx" ON "OutboxMail"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AccountToken_digest_key" ON "AccountToken"("digest");

-- CreateIndex
CREATE INDEX "AccountToken_userId_kind_createdAt_idx" ON "AccountToken"("userId", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "Session_userId_revokedAt_idx" ON "Session"("userId", "revokedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PersonalAccessToken_digest_key" ON "PersonalAccessToken"("digest");

-- CreateIndex
CREATE INDEX "PersonalAccessToken_userId_createdAt_idx" ON "PersonalAccessToken"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "PersonalAccessToken_companyId_idx" ON "PersonalAccessToken"("companyId");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_scopeKey_key" ON "IdempotencyRecord"("scopeKey");

-- CreateIndex
CREATE UNIQUE INDEX "InitialAccessToken_digest_key" ON "InitialAccessToken"("digest");

-- CreateIndex
CREATE INDEX "InitialAccessToken_companyId_createdAt_idx" ON "InitialAccessToken"("companyId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ClientRegistration_accessDigest_key" ON "ClientRegistration"("accessDigest");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenDigest_key" ON "Invitation"("tokenDigest");

-- data: accounts made before addresses were verified count as verified
UPDATE "User" SET "emailVerifiedAt" = CURRENT_TIMESTAMP WHERE "emailVerifiedAt" IS NULL;
-- data: apps suspended before this migration: those suspended because their owner left or lost the
-- API Developer role (the reason lib/companies wrote) are a leaver's apps; any other was an administrator's.
UPDATE "App" SET "suspendedKind" = CASE WHEN "suspendedReason" LIKE 'Its owner %' THEN 'LEAVER' ELSE 'ADMIN' END WHERE "status" = 'SUSPENDED';
