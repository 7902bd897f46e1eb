-- AlterTable
ALTER TABLE "App" ADD COLUMN     "allowedOrigins" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "clientType" TEXT NOT NULL DEFAULT 'confidential',
ADD COLUMN     "kind" TEXT,
ADD COLUMN     "postLogoutRedirectUri" TEXT,
ADD COLUMN     "requireDpop" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "requirePar" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "requirePkce" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "AuthorizationCode" ADD COLUMN     "authTime" TIMESTAMP(3),
ADD COLUMN     "nonce" TEXT,
ADD COLUMN     "resource" TEXT;

-- CreateTable
CREATE TABLE "AuthorizationTransaction" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "userId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuthorizationTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceAuthorization" (
    "id" TEXT NOT NULL,
    "deviceCodeDigest" TEXT NOT NULL,
    "userCode" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '',
    "resource" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "userId" TEXT,
    "intervalSeconds" INTEGER NOT NULL DEFAULT 5,
    "lastPolledAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceAuthorization_pkey" PRIMARY KEY ("id")
);

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
