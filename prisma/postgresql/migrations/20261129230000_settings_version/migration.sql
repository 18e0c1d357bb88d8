-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

