-- AlterTable
ALTER TABLE "ClientSecret" ADD COLUMN     "remindedDays" INTEGER;

-- AlterTable
ALTER TABLE "CompanySecurityPolicy" ADD COLUMN     "secretLifetimeDays" INTEGER;
