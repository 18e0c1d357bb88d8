-- CreateTable
CREATE TABLE "Setup" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "completedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Setup_pkey" PRIMARY KEY ("id")
);

-- A database set up before this migration: its oldest admin stands for the completed set-up.
INSERT INTO "Setup" ("id", "completedAt")
SELECT 1, "createdAt" FROM "User" WHERE "role" = 'ADMIN' ORDER BY "createdAt" ASC, "id" ASC LIMIT 1;
