-- AlterTable
ALTER TABLE "User" ADD COLUMN "passkeyRequiredAt" DATETIME;

-- AlterTable
ALTER TABLE "SignIn" ADD COLUMN "recoveredAt" DATETIME;

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN "requirePasskey" TEXT NOT NULL DEFAULT 'NOBODY';

-- CreateTable
CREATE TABLE "IssuedRecoveryCode" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "codeHash" TEXT NOT NULL,
    "issuedById" TEXT,
    "issuedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "IssuedRecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
