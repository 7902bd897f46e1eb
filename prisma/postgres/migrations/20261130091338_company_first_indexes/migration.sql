-- DropIndex
DROP INDEX "App_companyId_createdAt_idx";

-- DropIndex
DROP INDEX "AuditLog_companyId_createdAt_idx";

-- CreateIndex
CREATE INDEX "App_companyId_createdAt_id_idx" ON "App"("companyId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "App_companyId_createdById_createdAt_id_idx" ON "App"("companyId", "createdById", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditLog_companyId_createdAt_id_idx" ON "AuditLog"("companyId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditLog_companyId_event_createdAt_id_idx" ON "AuditLog"("companyId", "event", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditLog_companyId_actorId_createdAt_id_idx" ON "AuditLog"("companyId", "actorId", "createdAt", "id");
