-- Cartwright schema, version 5, for MariaDB: the database's own backstop under the stock rules, and the
-- look-up that gives a reference's promotion redemptions back.
--
-- Every stock move checks its counts under the SKU's row lock before writing; these constraints refuse a
-- row that a broken guard, a host's own SQL or two nodes whose clocks disagree about a reservation's expiry
-- would leave impossible (MariaDB enforces CHECK since 10.2). SqlErrors maps a violation, by constraint
-- name, to INSUFFICIENT_STOCK naming the count. A database holding such a row already must be corrected
-- before this migration can apply.
ALTER TABLE stock
    ADD CONSTRAINT ck_stock_on_hand_not_negative CHECK (on_hand >= 0),
    ADD CONSTRAINT ck_stock_sold_not_negative CHECK (sold >= 0),
    ADD CONSTRAINT ck_stock_reserved_not_negative CHECK (reserved >= 0),
    ADD CONSTRAINT ck_stock_reserved_within_on_hand CHECK (reserved <= on_hand);

-- Redemptions are keyed by (promotion, reference); releasing an order's redemptions asks by reference alone.
CREATE INDEX ix_promotion_redemptions_reference ON promotion_redemptions (reference);
