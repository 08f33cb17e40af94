-- CreateIndex
CREATE INDEX "Conversation_identityId_idx" ON "Conversation"("identityId");
