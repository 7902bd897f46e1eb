-- AlterTable
ALTER TABLE "App" ADD COLUMN     "clientAuthMethod" TEXT NOT NULL DEFAULT 'client_secret',
ADD COLUMN     "jwks" TEXT,
ADD COLUMN     "jwksUri" TEXT;

-- CreateTable
CREATE TABLE "ClientAssertionJti" (
    "key" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClientAssertionJti_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ClientAssertionJti_expiresAt_idx" ON "ClientAssertionJti"("expiresAt");
