-- CreateTable
CREATE TABLE "ClientAssertionJti" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL
);

-- AlterTable (added columns, no table rebuild)
ALTER TABLE "App" ADD COLUMN "clientAuthMethod" TEXT NOT NULL DEFAULT 'client_secret';
ALTER TABLE "App" ADD COLUMN "jwks" TEXT;
ALTER TABLE "App" ADD COLUMN "jwksUri" TEXT;

-- CreateIndex
CREATE INDEX "ClientAssertionJti_expiresAt_idx" ON "ClientAssertionJti"("expiresAt");
