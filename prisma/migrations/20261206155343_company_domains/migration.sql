-- CreateTable
CREATE TABLE "CompanyDomain" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "verifiedDomain" TEXT,
    "verifiedAt" DATETIME,
    "lastCheckedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CompanyDomain_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CompanyDomain_verifiedDomain_key" ON "CompanyDomain"("verifiedDomain");

-- CreateIndex
CREATE INDEX "CompanyDomain_domain_idx" ON "CompanyDomain"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "CompanyDomain_companyId_domain_key" ON "CompanyDomain"("companyId", "domain");
