-- Cartwright schema, version 1. One script for H2 (in PostgreSQL mode) and PostgreSQL.
-- Instants are BIGINT nanoseconds since the epoch (UTC), exact from 1677 to 2262; money is minor units plus a currency code.

CREATE TABLE products (
    id UUID NOT NULL,
    sku VARCHAR(64) NOT NULL,
    name VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    price_minor BIGINT NOT NULL,
    price_currency CHAR(3) NOT NULL,
    tax_class VARCHAR NOT NULL,
    status VARCHAR(16) NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT pk_products PRIMARY KEY (id),
    CONSTRAINT uq_products_sku UNIQUE (sku)
);

CREATE TABLE product_categories (
    product_id UUID NOT NULL,
    category VARCHAR NOT NULL,
    CONSTRAINT pk_product_categories PRIMARY KEY (product_id, category),
    CONSTRAINT fk_product_categories_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
);
CREATE INDEX ix_product_categories_category ON product_categories (category, product_id);

CREATE TABLE product_attributes (
    product_id UUID NOT NULL,
    attribute_name VARCHAR NOT NULL,
    attribute_value VARCHAR NOT NULL,
    CONSTRAINT pk_product_attributes PRIMARY KEY (product_id, attribute_name),
    CONSTRAINT fk_product_attributes_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
);

-- reserved: the units of reservations stored as LIVE and still held (not yet reclaimed after expiry).
CREATE TABLE stock (
    sku VARCHAR(64) NOT NULL,
    on_hand BIGINT NOT NULL,
    reserved BIGINT NOT NULL,
    sold BIGINT NOT NULL,
    CONSTRAINT pk_stock PRIMARY KEY (sku)
);

CREATE TABLE reservations (
    id UUID NOT NULL,
    sku VARCHAR(64) NOT NULL,
    quantity BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    held BOOLEAN NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT pk_reservations PRIMARY KEY (id)
);
CREATE INDEX ix_reservations_sku ON reservations (sku, status, expires_at);

CREATE TABLE customers (
    id UUID NOT NULL,
    email VARCHAR(254) NOT NULL,
    name VARCHAR NOT NULL,
    password_hash VARCHAR NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT pk_customers PRIMARY KEY (id),
    CONSTRAINT uq_customers_email UNIQUE (email)
);

CREATE TABLE sessions (
    id UUID NOT NULL,
    customer_id UUID NOT NULL,
    token_hash VARCHAR(128) NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    CONSTRAINT pk_sessions PRIMARY KEY (id),
    CONSTRAINT uq_sessions_token_hash UNIQUE (token_hash)
);
CREATE INDEX ix_sessions_customer ON sessions (customer_id);

-- code_key: the code in upper case, so that codes are unique ignoring case.
CREATE TABLE promotions (
    id UUID NOT NULL,
    name VARCHAR NOT NULL,
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
);

CREATE TABLE promotion_redemptions (
    promotion_id UUID NOT NULL,
    reference VARCHAR NOT NULL,
    customer_id UUID,
    redeemed_at BIGINT NOT NULL,
    CONSTRAINT pk_promotion_redemptions PRIMARY KEY (promotion_id, reference)
);

CREATE TABLE promotion_customer_uses (
    promotion_id UUID NOT NULL,
    customer_id UUID NOT NULL,
    times_used BIGINT NOT NULL,
    CONSTRAINT pk_promotion_customer_uses PRIMARY KEY (promotion_id, customer_id)
);

-- active_customer_id: the customer while the cart is ACTIVE, else NULL, so that a customer has one active cart.
CREATE TABLE carts (
    id UUID NOT NULL,
    customer_id UUID,
    active_customer_id UUID,
    currency CHAR(3) NOT NULL,
    status VARCHAR(16) NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT pk_carts PRIMARY KEY (id),
    CONSTRAINT uq_carts_active_customer UNIQUE (active_customer_id)
);

CREATE TABLE cart_lines (
    cart_id UUID NOT NULL,
    seq INTEGER NOT NULL,
    sku VARCHAR(64) NOT NULL,
    product_id UUID NOT NULL,
    name VARCHAR NOT NULL,
    unit_minor BIGINT NOT NULL,
    unit_currency CHAR(3) NOT NULL,
    tax_class VARCHAR NOT NULL,
    quantity BIGINT NOT NULL,
    CONSTRAINT pk_cart_lines PRIMARY KEY (cart_id, seq),
    CONSTRAINT fk_cart_lines_cart FOREIGN KEY (cart_id) REFERENCES carts (id) ON DELETE CASCADE
);

CREATE TABLE cart_promotion_codes (
    cart_id UUID NOT NULL,
    seq INTEGER NOT NULL,
    code VARCHAR NOT NULL,
    CONSTRAINT pk_cart_promotion_codes PRIMARY KEY (cart_id, seq),
    CONSTRAINT fk_cart_promotion_codes_cart FOREIGN KEY (cart_id) REFERENCES carts (id) ON DELETE CASCADE
);

CREATE TABLE payments (
    id UUID NOT NULL,
    seq BIGINT GENERATED BY DEFAULT AS IDENTITY,
    reference VARCHAR NOT NULL,
    currency CHAR(3) NOT NULL,
    amount_minor BIGINT NOT NULL,
    status VARCHAR(32) NOT NULL,
    authorized_minor BIGINT NOT NULL,
    captured_minor BIGINT NOT NULL,
    refunded_minor BIGINT NOT NULL,
    method_token VARCHAR NOT NULL,
    method_brand VARCHAR NOT NULL,
    method_last4 VARCHAR(4) NOT NULL,
    gateway_payment_id VARCHAR,
    idempotency_key VARCHAR NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT pk_payments PRIMARY KEY (id),
    CONSTRAINT uq_payments_idempotency_key UNIQUE (idempotency_key)
);
CREATE INDEX ix_payments_reference ON payments (reference, seq);

CREATE TABLE payment_log (
    payment_id UUID NOT NULL,
    seq INTEGER NOT NULL,
    kind VARCHAR(16) NOT NULL,
    amount_minor BIGINT NOT NULL,
    amount_currency CHAR(3) NOT NULL,
    gateway_event_id VARCHAR,
    detail VARCHAR NOT NULL,
    logged_at BIGINT NOT NULL,
    CONSTRAINT pk_payment_log PRIMARY KEY (payment_id, seq),
    CONSTRAINT fk_payment_log_payment FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE CASCADE
);

CREATE TABLE payment_gateway_events (
    gateway_event_id VARCHAR(255) NOT NULL,
    payment_id UUID NOT NULL,
    received_at BIGINT NOT NULL,
    CONSTRAINT pk_payment_gateway_events PRIMARY KEY (gateway_event_id)
);
