-- CreateTable
CREATE TABLE "VerificationLimit" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VerificationLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "VerificationLimit_updatedAt_idx" ON "VerificationLimit"("updatedAt");

-- Refunds left REFUND_PENDING before failed refund requests were retried: queue one retry each for the outbox
-- (card and e-wallet payments, since bank transfers and cash on delivery are refunded by hand).
INSERT INTO "Notification" ("id", "customerId", "audience", "kind", "payload", "status", "attempts", "nextAttemptAt", "createdAt")
SELECT gen_random_uuid()::text, o."customerId", 'task', 'refund_request',
       jsonb_build_object('orderNumber', o."orderNumber", 'amount', p."amount"), 'PENDING', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM "Payment" p JOIN "Order" o ON o."id" = p."orderId"
WHERE p."status" = 'REFUND_PENDING' AND p."method" IN ('e_wallet', 'credit_card');
