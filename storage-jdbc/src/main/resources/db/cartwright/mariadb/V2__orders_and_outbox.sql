-- Cartwright schema, version 2, for MariaDB: orders with their lines, history and shipments, and the transactional outbox.
-- id_high, id_low: the order id's halves as signed longs, so that ORDER BY them is the order of java.util.UUID.

CREATE TABLE orders (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id_high BIGINT NOT NULL,
    id_low BIGINT NOT NULL,
    customer_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    email MEDIUMTEXT,
    currency CHAR(3) NOT NULL,
    subtotal_minor BIGINT NOT NULL,
    discount_minor BIGINT NOT NULL,
    tax_minor BIGINT NOT NULL,
    shipping_minor BIGINT NOT NULL,
    shipping_tax_minor BIGINT NOT NULL,
    grand_total_minor BIGINT NOT NULL,
    prices_include_tax BOOLEAN NOT NULL,
    ship_name MEDIUMTEXT NOT NULL,
    ship_line1 MEDIUMTEXT NOT NULL,
    ship_line2 MEDIUMTEXT NOT NULL,
    ship_city MEDIUMTEXT NOT NULL,
    ship_postal_code MEDIUMTEXT NOT NULL,
    ship_country VARCHAR(2) NOT NULL,
    ship_region MEDIUMTEXT,
    shipping_option_id MEDIUMTEXT,
    idempotency_key VARCHAR(255) NOT NULL,
    request_fingerprint VARCHAR(255) NOT NULL,
    status VARCHAR(32) NOT NULL,
    payment_status VARCHAR(32) NOT NULL,
    fulfillment_status VARCHAR(32) NOT NULL,
    payment_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version BIGINT NOT NULL,
    placed_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    CONSTRAINT pk_orders PRIMARY KEY (id),
    CONSTRAINT uq_orders_idempotency_key UNIQUE (idempotency_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
-- A customer's orders, newest first, by keyset.
CREATE INDEX ix_orders_customer ON orders (customer_id, placed_at DESC, id_high DESC, id_low DESC);
-- Unpaid orders past their expiry, and orders whose payment is pending.
CREATE INDEX ix_orders_status_expiry ON orders (status, expires_at);
CREATE INDEX ix_orders_status_payment ON orders (status, payment_status, placed_at);

-- Amounts are in the order's currency.
CREATE TABLE order_lines (
    order_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq INTEGER NOT NULL,
    sku VARCHAR(64) NOT NULL,
    product_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name MEDIUMTEXT NOT NULL,
    unit_minor BIGINT NOT NULL,
    quantity BIGINT NOT NULL,
    subtotal_minor BIGINT NOT NULL,
    discount_minor BIGINT NOT NULL,
    tax_minor BIGINT NOT NULL,
    total_minor BIGINT NOT NULL,
    reservation_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    CONSTRAINT pk_order_lines PRIMARY KEY (order_id, seq),
    CONSTRAINT fk_order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE order_transitions (
    order_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq INTEGER NOT NULL,
    from_state VARCHAR(64) NOT NULL,
    to_state VARCHAR(64) NOT NULL,
    actor MEDIUMTEXT NOT NULL,
    happened_at BIGINT NOT NULL,
    CONSTRAINT pk_order_transitions PRIMARY KEY (order_id, seq),
    CONSTRAINT fk_order_transitions_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE order_shipments (
    order_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq INTEGER NOT NULL,
    carrier MEDIUMTEXT NOT NULL,
    tracking_number MEDIUMTEXT NOT NULL,
    shipped_at BIGINT NOT NULL,
    CONSTRAINT pk_order_shipments PRIMARY KEY (order_id, seq),
    CONSTRAINT fk_order_shipments_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE order_shipment_quantities (
    order_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    shipment_seq INTEGER NOT NULL,
    sku VARCHAR(64) NOT NULL,
    quantity BIGINT NOT NULL,
    CONSTRAINT pk_order_shipment_quantities PRIMARY KEY (order_id, shipment_seq, sku),
    CONSTRAINT fk_order_shipment_quantities_shipment FOREIGN KEY (order_id, shipment_seq)
        REFERENCES order_shipments (order_id, seq) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- event_type: the event record's class name; payload: its components in RecordCodec's ASCII text form.
CREATE TABLE outbox (
    seq BIGINT NOT NULL AUTO_INCREMENT,
    event_type MEDIUMTEXT NOT NULL,
    payload MEDIUMTEXT NOT NULL,
    attempts INTEGER NOT NULL,
    appended_at BIGINT NOT NULL,
    CONSTRAINT pk_outbox PRIMARY KEY (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
