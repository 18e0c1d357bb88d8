-- CreateIndex
CREATE INDEX "User_email_role_totpEnabledAt_id_idx" ON "User"("email", "role", "totpEnabledAt", "id");

-- CreateIndex
CREATE INDEX "User_role_email_totpEnabledAt_id_idx" ON "User"("role", "email", "totpEnabledAt", "id");

-- CreateIndex
CREATE INDEX "SignIn_userId_completedAt_idx" ON "SignIn"("userId", "completedAt");

