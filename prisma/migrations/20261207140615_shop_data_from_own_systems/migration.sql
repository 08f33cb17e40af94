-- DropIndex
DROP INDEX "Inventory_productId_size_key";

-- DropIndex
DROP INDEX "ShippingTracking_orderId_key";

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "source" TEXT,
ADD COLUMN     "sourceHash" TEXT,
ADD COLUMN     "sourceUpdatedAt" TIMESTAMP(3),
ALTER COLUMN "phoneNumber" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Inventory" ADD COLUMN     "colour" TEXT,
ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "price" INTEGER,
ADD COLUMN     "sourceUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "stockItemId" TEXT;

-- AlterTable
ALTER TABLE "InventoryMovement" ADD COLUMN     "externalId" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "shippingId" TEXT,
ADD COLUMN     "source" TEXT,
ADD COLUMN     "sourceHash" TEXT,
ADD COLUMN     "sourceUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "statusText" TEXT;

-- AlterTable
ALTER TABLE "OrderItem" ALTER COLUMN "productId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "methodText" TEXT;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "source" TEXT,
ADD COLUMN     "sourceHash" TEXT,
ADD COLUMN     "sourceUpdatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ShippingTracking" ADD COLUMN     "carrierText" TEXT,
ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "statusText" TEXT;

-- CreateTable
CREATE TABLE "ShopSync" (
    "source" TEXT NOT NULL,
    "lastWebhookAt" TIMESTAMP(3),
    "lastReconcileAt" TIMESTAMP(3),
    "reconciledUpTo" TIMESTAMP(3),
    "lastErrorAt" TIMESTAMP(3),
    "lastError" TEXT,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "backfill" JSONB,
    "backfillDoneAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSync_pkey" PRIMARY KEY ("source")
);

-- CreateTable
CREATE TABLE "StockLevel" (
    "source" TEXT NOT NULL,
    "stockItemId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "available" INTEGER NOT NULL,
    "sourceUpdatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StockLevel_pkey" PRIMARY KEY ("source","stockItemId","locationId")
);

-- CreateIndex
CREATE INDEX "Customer_email_idx" ON "Customer"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_source_externalId_key" ON "Customer"("source", "externalId");

-- CreateIndex
CREATE INDEX "Inventory_stockItemId_idx" ON "Inventory"("stockItemId");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryMovement_externalId_key" ON "InventoryMovement"("externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Order_shippingId_key" ON "Order"("shippingId");

-- CreateIndex
CREATE UNIQUE INDEX "Order_source_externalId_key" ON "Order"("source", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Product_source_externalId_key" ON "Product"("source", "externalId");

-- CreateIndex
CREATE INDEX "ShippingTracking_orderId_idx" ON "ShippingTracking"("orderId");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_shippingId_fkey" FOREIGN KEY ("shippingId") REFERENCES "ShippingTracking"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Every order that has a shipment already: that shipment is the order's shipment.
UPDATE "Order" o SET "shippingId" = t.id FROM "ShippingTracking" t WHERE t."orderId" = o.id AND o."shippingId" IS NULL;

-- An order's first shipment becomes its `shipping` (what code showing one shipment reads), whoever creates it.
-- The body is an E'' string with its semicolons written as \073: the migration runner splits scripts at semicolons.
CREATE FUNCTION "ShippingTracking_first_is_order_shipping"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN UPDATE "Order" SET "shippingId" = NEW.id WHERE id = NEW."orderId" AND "shippingId" IS NULL\073 RETURN NULL\073 END';

CREATE TRIGGER "ShippingTracking_first_is_order_shipping"
AFTER INSERT ON "ShippingTracking"
FOR EACH ROW EXECUTE FUNCTION "ShippingTracking_first_is_order_shipping"();
