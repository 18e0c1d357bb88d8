-- CreateIndex
CREATE INDEX "User_role_deactivatedAt_totpEnabledAt_idx" ON "User"("role", "deactivatedAt", "totpEnabledAt");

-- CreateIndex
CREATE INDEX "User_lockedUntil_idx" ON "User"("lockedUntil");
