-- Cartwright schema, version 7: returned units per order line (restocking bounded across refunds), free
-- orders without a payment, and the guest secret hash that lets a guest reach their order.
ALTER TABLE order_lines ADD COLUMN returned BIGINT NOT NULL DEFAULT 0;

-- A free order (a grand total of zero) needs no payment.
ALTER TABLE orders MODIFY payment_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL;

-- A guest's order placed from their cart keeps the SHA-256 of that cart's secret, so the guest can pay it again.
ALTER TABLE orders ADD COLUMN guest_secret_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin;
