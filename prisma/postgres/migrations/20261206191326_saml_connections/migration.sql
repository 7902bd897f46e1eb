-- AlterTable
ALTER TABLE "SsoConnection" ADD COLUMN     "groupsAttribute" TEXT,
ADD COLUMN     "samlMetadata" TEXT;

-- CreateTable
CREATE TABLE "SamlAssertion" (
    "connectionId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SamlAssertion_pkey" PRIMARY KEY ("connectionId","id")
);

-- CreateIndex
CREATE INDEX "SamlAssertion_expiresAt_idx" ON "SamlAssertion"("expiresAt");

-- AddForeignKey
ALTER TABLE "SamlAssertion" ADD CONSTRAINT "SamlAssertion_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "SsoConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
