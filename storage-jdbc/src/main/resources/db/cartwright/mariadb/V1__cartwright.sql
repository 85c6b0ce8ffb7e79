-- Cartwright schema, version 1, for MariaDB 10.11: the same tables as db/cartwright/migration. Text is
-- utf8mb4 with a binary no-pad collation, so that it compares and sorts as it is stored (case and trailing
-- spaces count) as on PostgreSQL; text without a length is MEDIUMTEXT, and text in a key has the length that
-- the domain allows (InnoDB keys hold at most 3072 bytes). UUIDs are their lower-case text in ASCII, which
-- sorts as PostgreSQL sorts uuid: MariaDB's own UUID type refuses UUIDs of no RFC 4122 version and sorts
-- time-based ones by time.
-- Instants are BIGINT nanoseconds since the epoch (UTC), exact from 1677 to 2262; money is minor units plus a currency code.

CREATE TABLE products (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    sku VARCHAR(64) NOT NULL,
    name MEDIUMTEXT NOT NULL,
    description MEDIUMTEXT NOT NULL,
    price_minor BIGINT NOT NULL,
    price_currency CHAR(3) NOT NULL,
    tax_class MEDIUMTEXT NOT NULL,
    status VARCHAR(16) NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT pk_products PRIMARY KEY (id),
    CONSTRAINT uq_products_sku UNIQUE (sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE product_categories (
    product_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    category VARCHAR(64) NOT NULL,
    CONSTRAINT pk_product_categories PRIMARY KEY (product_id, category),
    CONSTRAINT fk_product_categories_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ix_product_categories_category ON product_categories (category, product_id);

CREATE TABLE product_attributes (
    product_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    attribute_name VARCHAR(64) NOT NULL,
    attribute_value MEDIUMTEXT NOT NULL,
    CONSTRAINT pk_product_attributes PRIMARY KEY (product_id, attribute_name),
    CONSTRAINT fk_product_attributes_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- reserved: the units of reservations stored as LIVE and still held (not yet reclaimed after expiry).
CREATE TABLE stock (
    sku VARCHAR(64) NOT NULL,
    on_hand BIGINT NOT NULL,
    reserved BIGINT NOT NULL,
    sold BIGINT NOT NULL,
    CONSTRAINT pk_stock PRIMARY KEY (sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE reservations (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    sku VARCHAR(64) NOT NULL,
    quantity BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    held BOOLEAN NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT pk_reservations PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ix_reservations_sku ON reservations (sku, status, expires_at);

CREATE TABLE customers (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    email VARCHAR(254) NOT NULL,
    name MEDIUMTEXT NOT NULL,
    password_hash MEDIUMTEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT pk_customers PRIMARY KEY (id),
    CONSTRAINT uq_customers_email UNIQUE (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE sessions (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    customer_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    token_hash VARCHAR(128) NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    CONSTRAINT pk_sessions PRIMARY KEY (id),
    CONSTRAINT uq_sessions_token_hash UNIQUE (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ix_sessions_customer ON sessions (customer_id);

-- code_key: the code in upper case, so that codes are unique ignoring case.
CREATE TABLE promotions (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name MEDIUMTEXT NOT NULL,
    code VARCHAR(64),
    code_key VARCHAR(64),
    discount_kind VARCHAR(16) NOT NULL,
    discount_percent VARCHAR(64),
    discount_minor BIGINT,
    discount_currency CHAR(3),
    discount_sku VARCHAR(64),
    discount_buy INTEGER,
    discount_get INTEGER,
    valid_from BIGINT NOT NULL,
    valid_until BIGINT,
    minimum_minor BIGINT,
    minimum_currency CHAR(3),
    usage_limit BIGINT,
    per_customer_limit BIGINT,
    times_used BIGINT NOT NULL,
    CONSTRAINT pk_promotions PRIMARY KEY (id),
    CONSTRAINT uq_promotions_code UNIQUE (code_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE promotion_redemptions (
    promotion_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    reference VARCHAR(200) NOT NULL,
    customer_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    redeemed_at BIGINT NOT NULL,
    CONSTRAINT pk_promotion_redemptions PRIMARY KEY (promotion_id, reference)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE promotion_customer_uses (
    promotion_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    customer_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    times_used BIGINT NOT NULL,
    CONSTRAINT pk_promotion_customer_uses PRIMARY KEY (promotion_id, customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- active_customer_id: the customer while the cart is ACTIVE, else NULL, so that a customer has one active cart.
CREATE TABLE carts (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    customer_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    active_customer_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    currency CHAR(3) NOT NULL,
    status VARCHAR(16) NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT pk_carts PRIMARY KEY (id),
    CONSTRAINT uq_carts_active_customer UNIQUE (active_customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE cart_lines (
    cart_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq INTEGER NOT NULL,
    sku VARCHAR(64) NOT NULL,
    product_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name MEDIUMTEXT NOT NULL,
    unit_minor BIGINT NOT NULL,
    unit_currency CHAR(3) NOT NULL,
    tax_class MEDIUMTEXT NOT NULL,
    quantity BIGINT NOT NULL,
    CONSTRAINT pk_cart_lines PRIMARY KEY (cart_id, seq),
    CONSTRAINT fk_cart_lines_cart FOREIGN KEY (cart_id) REFERENCES carts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE cart_promotion_codes (
    cart_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq INTEGER NOT NULL,
    code MEDIUMTEXT NOT NULL,
    CONSTRAINT pk_cart_promotion_codes PRIMARY KEY (cart_id, seq),
    CONSTRAINT fk_cart_promotion_codes_cart FOREIGN KEY (cart_id) REFERENCES carts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE payments (
    id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq BIGINT NOT NULL AUTO_INCREMENT,
    reference VARCHAR(255) NOT NULL,
    currency CHAR(3) NOT NULL,
    amount_minor BIGINT NOT NULL,
    status VARCHAR(32) NOT NULL,
    authorized_minor BIGINT NOT NULL,
    captured_minor BIGINT NOT NULL,
    refunded_minor BIGINT NOT NULL,
    method_token MEDIUMTEXT NOT NULL,
    method_brand MEDIUMTEXT NOT NULL,
    method_last4 VARCHAR(4) NOT NULL,
    gateway_payment_id MEDIUMTEXT,
    idempotency_key VARCHAR(255) NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT pk_payments PRIMARY KEY (id),
    CONSTRAINT uq_payments_idempotency_key UNIQUE (idempotency_key),
    KEY ix_payments_seq (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ix_payments_reference ON payments (reference, seq);

CREATE TABLE payment_log (
    payment_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq INTEGER NOT NULL,
    kind VARCHAR(16) NOT NULL,
    amount_minor BIGINT NOT NULL,
    amount_currency CHAR(3) NOT NULL,
    gateway_event_id MEDIUMTEXT,
    detail MEDIUMTEXT NOT NULL,
    logged_at BIGINT NOT NULL,
    CONSTRAINT pk_payment_log PRIMARY KEY (payment_id, seq),
    CONSTRAINT fk_payment_log_payment FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE payment_gateway_events (
    gateway_event_id VARCHAR(255) NOT NULL,
    payment_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    received_at BIGINT NOT NULL,
    CONSTRAINT pk_payment_gateway_events PRIMARY KEY (gateway_event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
