-- AlterTable
ALTER TABLE "RoleAssignment" ADD COLUMN "source" TEXT;

-- CreateTable
CREATE TABLE "SsoConnectionHealth" (
    "connectionId" TEXT NOT NULL PRIMARY KEY,
    "failureCount" INTEGER NOT NULL DEFAULT 0,
    "failingSince" DATETIME,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "lastSuccessAt" DATETIME,
    "failureMailedAt" DATETIME,
    CONSTRAINT "SsoConnectionHealth_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "SsoConnection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScimGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "externalId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScimGroup_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScimGroupMember" (
    "groupId" TEXT NOT NULL,
    "scimUserId" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("groupId", "scimUserId"),
    CONSTRAINT "ScimGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ScimGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScimGroupMember_scimUserId_fkey" FOREIGN KEY ("scimUserId") REFERENCES "ScimUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ScimGroup_companyId_externalId_idx" ON "ScimGroup"("companyId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ScimGroup_companyId_displayName_key" ON "ScimGroup"("companyId", "displayName");

-- CreateIndex
CREATE INDEX "ScimGroupMember_scimUserId_idx" ON "ScimGroupMember"("scimUserId");
