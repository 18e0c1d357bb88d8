-- CreateTable
CREATE TABLE "NotMeToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "signInId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "browserKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "NotMeToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "SignIn" ADD COLUMN "newBrowser" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "NotMeToken_tokenHash_key" ON "NotMeToken"("tokenHash");

-- CreateIndex
CREATE INDEX "NotMeToken_expiresAt_idx" ON "NotMeToken"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotMeToken_userId_browserKey_day_key" ON "NotMeToken"("userId", "browserKey", "day");

