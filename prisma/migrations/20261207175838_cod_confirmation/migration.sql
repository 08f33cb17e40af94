-- DropForeignKey
ALTER TABLE "PendingAction" DROP CONSTRAINT "PendingAction_identityId_fkey";

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "codAlertedAt" TIMESTAMP(3),
ADD COLUMN     "codConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "codConfirmedBy" TEXT;

-- AlterTable
ALTER TABLE "PendingAction" ALTER COLUMN "identityId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "PendingAction" ADD CONSTRAINT "PendingAction_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ChannelIdentity"("id") ON DELETE SET NULL ON UPDATE CASCADE;
