-- A guest cart is reached only with the secret handed out when it was created; only its SHA-256 (lower-case
-- hex) is stored. NULL for a customer's cart, and for guest carts made before this column, which nobody can reach.
ALTER TABLE carts ADD COLUMN guest_secret_hash CHAR(64);
