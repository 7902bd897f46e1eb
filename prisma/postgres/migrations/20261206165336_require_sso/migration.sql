-- AlterTable
ALTER TABLE "CompanyDomain" ADD COLUMN     "requireSso" BOOLEAN NOT NULL DEFAULT false;
