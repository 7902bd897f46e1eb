-- AlterTable
ALTER TABLE "RefreshToken" ADD COLUMN     "jkt" TEXT;
