-- AlterTable
ALTER TABLE "User" ADD COLUMN     "language" TEXT;

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "defaultLanguage" TEXT NOT NULL DEFAULT 'en';

