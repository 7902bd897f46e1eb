-- AlterTable
ALTER TABLE "Api" ADD COLUMN     "bodyLimitBytes" INTEGER NOT NULL DEFAULT 10485760,
ADD COLUMN     "upstreamHeaders" TEXT,
ADD COLUMN     "upstreamTimeoutMs" INTEGER NOT NULL DEFAULT 30000,
ADD COLUMN     "upstreamUrl" TEXT;

-- CreateTable
CREATE TABLE "RequestLog" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" TEXT NOT NULL DEFAULT '',
    "status" INTEGER NOT NULL,
    "statusClass" INTEGER NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "requestId" TEXT NOT NULL,

    CONSTRAINT "RequestLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestLog_appId_at_id_idx" ON "RequestLog"("appId", "at", "id");

-- CreateIndex
CREATE INDEX "RequestLog_companyId_at_id_idx" ON "RequestLog"("companyId", "at", "id");

-- CreateIndex
CREATE INDEX "RequestLog_at_idx" ON "RequestLog"("at");
