-- AlterTable
ALTER TABLE "SignIn" ADD COLUMN "lastActiveAt" DATETIME;

-- CreateIndex
CREATE INDEX "SignIn_expiresAt_idx" ON "SignIn"("expiresAt");

