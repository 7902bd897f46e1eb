-- AlterTable
ALTER TABLE "User" ADD COLUMN     "guidesDismissed" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "timeZone" TEXT;

-- CreateTable
CREATE TABLE "AppMilestone" (
    "appId" TEXT NOT NULL,
    "firstTokenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppMilestone_pkey" PRIMARY KEY ("appId")
);
