-- Cartwright schema, version 7: how many units of each order line refunds have put back in stock, so that
-- restocking is bounded across refunds and a cancellation does not return them twice.
ALTER TABLE order_lines ADD COLUMN returned BIGINT DEFAULT 0 NOT NULL;

-- A free order (a grand total of zero) needs no payment.
ALTER TABLE orders ALTER COLUMN payment_id DROP NOT NULL;
