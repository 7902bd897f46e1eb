-- CreateTable
CREATE TABLE "AppMilestone" (
    "appId" TEXT NOT NULL PRIMARY KEY,
    "firstTokenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- AlterTable (added columns, no rebuild of "User")
ALTER TABLE "User" ADD COLUMN "timeZone" TEXT;
ALTER TABLE "User" ADD COLUMN "guidesDismissed" TEXT NOT NULL DEFAULT '';
