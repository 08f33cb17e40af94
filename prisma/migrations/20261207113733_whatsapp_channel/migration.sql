-- CreateEnum
CREATE TYPE "InboxStatus" AS ENUM ('PENDING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('accepted', 'sent', 'delivered', 'read', 'failed');

-- AlterEnum
ALTER TYPE "Channel" ADD VALUE 'whatsapp';

-- CreateTable
CREATE TABLE "InboxMessage" (
    "id" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "externalId" TEXT NOT NULL,
    "senderId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "status" "InboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replies" JSONB,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" TIMESTAMP(3),

    CONSTRAINT "InboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "externalId" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "notificationId" TEXT,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'accepted',
    "statusAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "errorCode" INTEGER,
    "errorTitle" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboxMessage_status_nextAttemptAt_idx" ON "InboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "InboxMessage_channel_senderId_sentAt_idx" ON "InboxMessage"("channel", "senderId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboxMessage_channel_externalId_key" ON "InboxMessage"("channel", "externalId");

-- CreateIndex
CREATE INDEX "OutboundMessage_channel_recipientId_createdAt_idx" ON "OutboundMessage"("channel", "recipientId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_channel_externalId_key" ON "OutboundMessage"("channel", "externalId");
