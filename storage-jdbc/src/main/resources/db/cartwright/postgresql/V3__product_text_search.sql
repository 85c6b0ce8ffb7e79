-- PostgreSQL only: trigram indexes, so that the catalog's case-insensitive substring search
-- (LOWER(name) LIKE '%...%') is answered from an index instead of reading every product.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension, so the database owner may create it.
-- It goes to schema public, beside any schema Cartwright's tables live in, so that dropping that schema
-- never takes the extension (and other schemas' indexes) with it.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX ix_products_name_trgm ON products USING gin (LOWER(name) public.gin_trgm_ops);
CREATE INDEX ix_products_description_trgm ON products USING gin (LOWER(description) public.gin_trgm_ops);
