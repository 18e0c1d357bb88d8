-- AlterTable
ALTER TABLE "User" ADD COLUMN     "passkeyRequiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SignIn" ADD COLUMN     "recoveredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "requirePasskey" TEXT NOT NULL DEFAULT 'NOBODY';

-- CreateTable
CREATE TABLE "IssuedRecoveryCode" (
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "issuedById" TEXT,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "IssuedRecoveryCode_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "IssuedRecoveryCode" ADD CONSTRAINT "IssuedRecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

