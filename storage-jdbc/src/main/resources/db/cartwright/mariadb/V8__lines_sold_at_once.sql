-- Cartwright schema, version 8: an order paid when it is placed sells its lines at once, without holding them
-- in a reservation first, so an order line's reservation is optional.
ALTER TABLE order_lines MODIFY reservation_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL;
