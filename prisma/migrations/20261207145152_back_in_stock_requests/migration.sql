-- CreateTable
CREATE TABLE "BackInStockRequest" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notifiedAt" TIMESTAMP(3),

    CONSTRAINT "BackInStockRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BackInStockRequest_sku_notifiedAt_idx" ON "BackInStockRequest"("sku", "notifiedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BackInStockRequest_customerId_sku_key" ON "BackInStockRequest"("customerId", "sku");

-- AddForeignKey
ALTER TABLE "BackInStockRequest" ADD CONSTRAINT "BackInStockRequest_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackInStockRequest" ADD CONSTRAINT "BackInStockRequest_sku_fkey" FOREIGN KEY ("sku") REFERENCES "Inventory"("sku") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The demo shop gains its second dress, so an out-of-stock dress has an alternative. Only a database holding the
-- demo shop (its Dress Midi Floral) gets it, and a shop's own catalogue is left alone.
INSERT INTO "Product" ("id", "name", "nameEn", "category", "price", "weightGrams", "lowStockThreshold", "active", "createdAt", "updatedAt")
SELECT 'DRESS-002', 'Dress Linen Polos', 'Plain Linen Dress', 'dress', 169000, 300, 5, true, now(), now()
WHERE EXISTS (SELECT 1 FROM "Product" WHERE "id" = 'DRESS-001' AND "name" = 'Dress Midi Floral')
ON CONFLICT ("id") DO NOTHING;

INSERT INTO "Inventory" ("sku", "productId", "size", "quantity", "warehouseLocation", "updatedAt")
SELECT v.sku, 'DRESS-002', v.size, v.quantity, 'Jakarta', now()
FROM (VALUES ('DRESS-002-S', 'S', 4), ('DRESS-002-M', 'M', 6), ('DRESS-002-L', 'L', 3)) AS v(sku, size, quantity)
WHERE EXISTS (SELECT 1 FROM "Product" WHERE "id" = 'DRESS-002')
ON CONFLICT ("sku") DO NOTHING;
