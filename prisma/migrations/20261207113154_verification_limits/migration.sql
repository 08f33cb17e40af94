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
