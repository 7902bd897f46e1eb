-- AlterTable
ALTER TABLE "Api" ADD COLUMN     "requiresApproval" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "AppApiSubscription" ADD COLUMN     "planId" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'ACTIVE';

-- CreateTable
CREATE TABLE "Plan" (
    "id" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ratePerMinute" INTEGER,
    "callsPerDay" INTEGER,
    "callsPerMonth" INTEGER,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuotaCounter" (
    "appId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "notified" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuotaCounter_pkey" PRIMARY KEY ("appId","apiId","window")
);

-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "requesterId" TEXT,
    "companyId" TEXT,
    "appId" TEXT,
    "apiId" TEXT,
    "planId" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "details" TEXT NOT NULL DEFAULT '{}',
    "decidedById" TEXT,
    "decisionReason" TEXT NOT NULL DEFAULT '',
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Plan_apiId_name_key" ON "Plan"("apiId", "name");

-- CreateIndex
CREATE INDEX "AccessRequest_status_createdAt_idx" ON "AccessRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "AccessRequest_companyId_createdAt_idx" ON "AccessRequest"("companyId", "createdAt");

-- AddForeignKey
ALTER TABLE "AppApiSubscription" ADD CONSTRAINT "AppApiSubscription_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every API gets an unlimited default plan, and every existing subscription takes it.
INSERT INTO "Plan" ("id", "apiId", "name", "isDefault", "createdAt", "updatedAt") SELECT 'pln_' || "id", "id", 'Default', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM "Api";
UPDATE "AppApiSubscription" SET "planId" = 'pln_' || "apiId";
