-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "weightGrams" INTEGER;

-- The demo shop's products get their weights (a shop's own products keep null until staff set them).
UPDATE "Product" SET "weightGrams" = 200 WHERE "id" = 'KAOS-001' AND "weightGrams" IS NULL;
UPDATE "Product" SET "weightGrams" = 250 WHERE "id" = 'KEMEJA-001' AND "weightGrams" IS NULL;
UPDATE "Product" SET "weightGrams" = 300 WHERE "id" IN ('DRESS-001', 'DRESS-002') AND "weightGrams" IS NULL;
UPDATE "Product" SET "weightGrams" = 400 WHERE "id" = 'CELANA-001' AND "weightGrams" IS NULL;
UPDATE "Product" SET "weightGrams" = 800 WHERE "id" = 'JAKET-001' AND "weightGrams" IS NULL;
