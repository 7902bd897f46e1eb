-- AlterTable
ALTER TABLE "SsoConnection" ADD COLUMN "groupsAttribute" TEXT;
ALTER TABLE "SsoConnection" ADD COLUMN "samlMetadata" TEXT;

-- CreateTable
CREATE TABLE "SamlAssertion" (
    "connectionId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("connectionId", "id"),
    CONSTRAINT "SamlAssertion_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "SsoConnection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SamlAssertion_expiresAt_idx" ON "SamlAssertion"("expiresAt");
