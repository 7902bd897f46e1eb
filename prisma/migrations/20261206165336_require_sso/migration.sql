-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CompanyDomain" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "verifiedDomain" TEXT,
    "verifiedAt" DATETIME,
    "lastCheckedAt" DATETIME,
    "requireSso" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CompanyDomain_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CompanyDomain" ("companyId", "createdAt", "createdById", "domain", "id", "lastCheckedAt", "token", "verifiedAt", "verifiedDomain") SELECT "companyId", "createdAt", "createdById", "domain", "id", "lastCheckedAt", "token", "verifiedAt", "verifiedDomain" FROM "CompanyDomain";
DROP TABLE "CompanyDomain";
ALTER TABLE "new_CompanyDomain" RENAME TO "CompanyDomain";
CREATE UNIQUE INDEX "CompanyDomain_verifiedDomain_key" ON "CompanyDomain"("verifiedDomain");
CREATE INDEX "CompanyDomain_domain_idx" ON "CompanyDomain"("domain");
CREATE UNIQUE INDEX "CompanyDomain_companyId_domain_key" ON "CompanyDomain"("companyId", "domain");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
