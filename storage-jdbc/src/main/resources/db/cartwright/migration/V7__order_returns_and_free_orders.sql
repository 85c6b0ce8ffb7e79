-- Cartwright schema, version 7: returned units per order line (restocking bounded across refunds), free
-- orders without a payment, and the guest secret hash that lets a guest reach their order.
ALTER TABLE order_lines ADD COLUMN returned BIGINT DEFAULT 0 NOT NULL;

-- A free order (a grand total of zero) needs no payment.
ALTER TABLE orders ALTER COLUMN payment_id DROP NOT NULL;

-- A guest's order placed from their cart keeps the SHA-256 of that cart's secret, so the guest can pay it again.
ALTER TABLE orders ADD COLUMN guest_secret_hash CHAR(64);
