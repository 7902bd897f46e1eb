-- CreateTable
CREATE TABLE "ScimToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "lastFour" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ScimToken_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScimUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "externalId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScimUser_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ScimToken_digest_key" ON "ScimToken"("digest");

-- CreateIndex
CREATE INDEX "ScimToken_companyId_idx" ON "ScimToken"("companyId");

-- CreateIndex
CREATE INDEX "ScimUser_companyId_externalId_idx" ON "ScimUser"("companyId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ScimUser_companyId_userName_key" ON "ScimUser"("companyId", "userName");

-- CreateIndex
CREATE UNIQUE INDEX "ScimUser_companyId_userId_key" ON "ScimUser"("companyId", "userId");
