-- Cartwright schema, version 8: an order paid when it is placed sells its lines at once, without holding them
-- in a reservation first, so an order line's reservation is optional.
ALTER TABLE order_lines ALTER COLUMN reservation_id DROP NOT NULL;
