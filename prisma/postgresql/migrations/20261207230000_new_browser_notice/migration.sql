-- AlterTable
ALTER TABLE "SignIn" ADD COLUMN     "newBrowser" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "NotMeToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "signInId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "browserKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "NotMeToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NotMeToken_tokenHash_key" ON "NotMeToken"("tokenHash");

-- CreateIndex
CREATE INDEX "NotMeToken_expiresAt_idx" ON "NotMeToken"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotMeToken_userId_browserKey_day_key" ON "NotMeToken"("userId", "browserKey", "day");

-- AddForeignKey
ALTER TABLE "NotMeToken" ADD CONSTRAINT "NotMeToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

