-- Cartwright schema, version 7: how many units of each order line refunds have put back in stock, so that
-- restocking is bounded across refunds and a cancellation does not return them twice.
ALTER TABLE order_lines ADD COLUMN returned BIGINT NOT NULL DEFAULT 0;

-- A free order (a grand total of zero) needs no payment.
ALTER TABLE orders MODIFY payment_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL;
