package dev.cartwright.jdbc;

import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.money.Money;
import dev.cartwright.pricing.Discount;
import dev.cartwright.pricing.Promotion;
import dev.cartwright.pricing.PromotionCode;
import dev.cartwright.pricing.PromotionId;
import dev.cartwright.pricing.PromotionRepository;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

/**
 * Promotions in one row each (the discount in typed columns), with redemptions keyed by (promotion,
 * reference) and per-customer counts. A redemption locks the promotion row first, which serializes the
 * usage checks of that promotion; a release locks the rows of the promotions it gives back, in id order.
 */
final class JdbcPromotionRepository implements PromotionRepository {

    private static final String SELECT = "SELECT id, name, code, discount_kind, discount_percent, discount_minor,"
            + " discount_currency, discount_sku, discount_buy, discount_get, valid_from, valid_until, minimum_minor,"
            + " minimum_currency, usage_limit, per_customer_limit, times_used FROM promotions";

    private final Sql sql;

    JdbcPromotionRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Promotion promotion) {
        Discount discount = promotion.discount();
        sql.exec(() -> {
            Update insert = sql.handle.createUpdate("INSERT INTO promotions (id, name, code, code_key, discount_kind,"
                    + " discount_percent, discount_minor, discount_currency, discount_sku, discount_buy, discount_get,"
                    + " valid_from, valid_until, minimum_minor, minimum_currency, usage_limit, per_customer_limit,"
                    + " times_used) VALUES (:id, :name, :code, :codeKey, :kind, :percent, :minor, :currency, :sku,"
                    + " :buy, :get, :validFrom, :validUntil, :minimumMinor, :minimumCurrency, :usageLimit,"
                    + " :perCustomerLimit, :timesUsed)")
                    .bind("id", promotion.id().value())
                    .bind("name", promotion.name())
                    .bind("code", promotion.code().orElse(null))
                    .bind("codeKey", promotion.code().map(JdbcPromotionRepository::codeKey).orElse(null))
                    .bind("validFrom", Rows.nanos(promotion.validFrom()))
                    .bind("validUntil", promotion.validUntil().map(Rows::nanos).orElse(null))
                    .bind("minimumMinor", promotion.minimumSubtotal().map(Money::minorUnits).orElse(null))
                    .bind("minimumCurrency", promotion.minimumSubtotal().map(m -> m.currency().getCurrencyCode()).orElse(null))
                    .bind("usageLimit", boxed(promotion.usageLimit()))
                    .bind("perCustomerLimit", boxed(promotion.perCustomerLimit()))
                    .bind("timesUsed", promotion.timesUsed());
            String kind = null;
            String percent = null;
            Long minor = null;
            String currency = null;
            String sku = null;
            Integer buy = null;
            Integer get = null;
            if (discount instanceof Discount.PercentageOff percentageOff) {
                kind = "PERCENTAGE_OFF";
                percent = percentageOff.percent().toString();
            } else if (discount instanceof Discount.AmountOff amountOff) {
                kind = "AMOUNT_OFF";
                minor = amountOff.amount().minorUnits();
                currency = amountOff.amount().currency().getCurrencyCode();
            } else if (discount instanceof Discount.BuyXGetY buyXGetY) {
                kind = "BUY_X_GET_Y";
                sku = buyXGetY.sku().value();
                buy = buyXGetY.buy();
                get = buyXGetY.get();
            }
            insert.bind("kind", kind).bind("percent", percent).bind("minor", minor).bind("currency", currency)
                    .bind("sku", sku).bind("buy", buy).bind("get", get).execute();
        });
    }

    @Override
    public Optional<Promotion> findById(PromotionId id) {
        return sql.run(() -> sql.handle.createQuery(SELECT + " WHERE id = :id").bind("id", id.value())
                .map((rs, ctx) -> read(rs)).findOne());
    }

    @Override
    public Optional<Promotion> findByCode(String code) {
        return sql.run(() -> sql.handle.createQuery(SELECT + " WHERE code_key = :code").bind("code", codeKey(code))
                .map((rs, ctx) -> read(rs)).findOne());
    }

    @Override
    public List<Promotion> findAllByCode(Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        List<String> keys = codes.stream().map(JdbcPromotionRepository::codeKey).distinct().toList();
        return sql.run(() -> sql.handle.createQuery(SELECT + " WHERE code_key IN (<codes>) ORDER BY id")
                .bindList("codes", keys).map((rs, ctx) -> read(rs)).list());
    }

    @Override
    public List<Promotion> findAutomatic(Instant now) {
        long at = Rows.nanos(now);
        return sql.run(() -> sql.handle.createQuery(SELECT + " WHERE code IS NULL AND valid_from <= :now"
                + " AND (valid_until IS NULL OR valid_until > :now) ORDER BY id")
                .bind("now", at).map((rs, ctx) -> read(rs)).list());
    }

    @Override
    public boolean tryRedeem(PromotionId id, Optional<CustomerId> customer, String reference, Instant now) {
        return sql.run(() -> {
            Limits limits = sql.handle.createQuery("SELECT usage_limit, per_customer_limit, times_used FROM promotions"
                    + " WHERE id = :id FOR UPDATE")
                    .bind("id", id.value())
                    .map((rs, ctx) -> new Limits(Rows.longOrNull(rs, "usage_limit"),
                            Rows.longOrNull(rs, "per_customer_limit"), rs.getLong("times_used")))
                    .findOne()
                    .orElseThrow(() -> CommerceException.notFound("promotion", id));
            if (isRedeemed(id, reference)) {
                return true;
            }
            if (limits.usageLimit() != null && limits.timesUsed() >= limits.usageLimit()) {
                return false;
            }
            if (customer.isPresent() && limits.perCustomerLimit() != null
                    && timesUsedBy(id, customer.get()) >= limits.perCustomerLimit()) {
                return false;
            }
            sql.handle.createUpdate("UPDATE promotions SET times_used = times_used + 1 WHERE id = :id")
                    .bind("id", id.value()).execute();
            Update redemption = sql.handle.createUpdate("INSERT INTO promotion_redemptions (promotion_id, reference,"
                    + " customer_id, redeemed_at) VALUES (:id, :reference, :customer, :at)")
                    .bind("id", id.value())
                    .bind("reference", reference)
                    .bind("at", Rows.nanos(now));
            Rows.bindUuid(redemption, "customer", customer.map(CustomerId::value).orElse(null));
            redemption.execute();
            if (customer.isPresent()) {
                int counted = sql.handle.createUpdate("UPDATE promotion_customer_uses SET times_used = times_used + 1"
                        + " WHERE promotion_id = :id AND customer_id = :customer")
                        .bind("id", id.value()).bind("customer", customer.get().value()).execute();
                if (counted == 0) {
                    sql.handle.createUpdate("INSERT INTO promotion_customer_uses (promotion_id, customer_id, times_used)"
                            + " VALUES (:id, :customer, 1)")
                            .bind("id", id.value()).bind("customer", customer.get().value()).execute();
                }
            }
            return true;
        });
    }

    @Override
    public boolean releaseAll(String reference) {
        return sql.run(() -> {
            List<UUID> redeemed = sql.handle.createQuery("SELECT promotion_id FROM promotion_redemptions"
                    + " WHERE reference = :reference")
                    .bind("reference", reference)
                    .map((rs, ctx) -> Rows.uuid(rs, "promotion_id"))
                    .list();
            if (redeemed.isEmpty()) {
                return false;
            }
            sql.handle.createQuery("SELECT id FROM promotions WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
                    .bindList("ids", redeemed)
                    .map((rs, ctx) -> Rows.uuid(rs, "id"))
                    .list();
            // Read again under the promotions' locks: a concurrent release of the same reference may have
            // taken some of them while this one waited, and each must be given back once.
            List<Map.Entry<UUID, Optional<UUID>>> released = sql.handle.createQuery("SELECT promotion_id, customer_id"
                    + " FROM promotion_redemptions WHERE reference = :reference AND promotion_id IN (<ids>)")
                    .bind("reference", reference)
                    .bindList("ids", redeemed)
                    .map((rs, ctx) -> Map.entry(Rows.uuid(rs, "promotion_id"),
                            Optional.ofNullable(Rows.uuid(rs, "customer_id"))))
                    .list();
            if (released.isEmpty()) {
                return false;
            }
            List<UUID> promotions = released.stream().map(Map.Entry::getKey).toList();
            sql.handle.createUpdate("DELETE FROM promotion_redemptions WHERE reference = :reference"
                    + " AND promotion_id IN (<ids>)")
                    .bind("reference", reference)
                    .bindList("ids", promotions)
                    .execute();
            PreparedBatch uses = sql.handle.prepareBatch("UPDATE promotions SET times_used = times_used - 1"
                    + " WHERE id = :id");
            promotions.forEach(id -> uses.bind("id", id).add());
            uses.execute();
            List<Map.Entry<UUID, Optional<UUID>>> byCustomers = released.stream()
                    .filter(entry -> entry.getValue().isPresent()).toList();
            if (!byCustomers.isEmpty()) {
                PreparedBatch customerUses = sql.handle.prepareBatch("UPDATE promotion_customer_uses"
                        + " SET times_used = times_used - 1 WHERE promotion_id = :id AND customer_id = :customer");
                byCustomers.forEach(entry -> customerUses.bind("id", entry.getKey())
                        .bind("customer", entry.getValue().get()).add());
                customerUses.execute();
            }
            return true;
        });
    }

    @Override
    public boolean isRedeemed(PromotionId id, String reference) {
        return sql.run(() -> sql.handle.createQuery("SELECT COUNT(*) FROM promotion_redemptions"
                + " WHERE promotion_id = :id AND reference = :reference")
                .bind("id", id.value()).bind("reference", reference).mapTo(Long.class).one() > 0);
    }

    @Override
    public long timesUsedBy(PromotionId id, CustomerId customer) {
        return sql.run(() -> sql.handle.createQuery("SELECT times_used FROM promotion_customer_uses"
                + " WHERE promotion_id = :id AND customer_id = :customer")
                .bind("id", id.value()).bind("customer", customer.value()).mapTo(Long.class).findOne().orElse(0L));
    }

    private static Promotion read(ResultSet rs) throws SQLException {
        String kind = rs.getString("discount_kind");
        Discount discount;
        if ("PERCENTAGE_OFF".equals(kind)) {
            discount = new Discount.PercentageOff(new BigDecimal(rs.getString("discount_percent")));
        } else if ("AMOUNT_OFF".equals(kind)) {
            discount = new Discount.AmountOff(Rows.money(rs, "discount_minor", "discount_currency"));
        } else {
            discount = new Discount.BuyXGetY(Sku.of(rs.getString("discount_sku")), rs.getInt("discount_buy"),
                    rs.getInt("discount_get"));
        }
        return new Promotion(new PromotionId(Rows.uuid(rs, "id")), rs.getString("name"),
                Optional.ofNullable(rs.getString("code")), discount, Rows.instant(rs, "valid_from"),
                Optional.ofNullable(Rows.instantOrNull(rs, "valid_until")),
                Optional.ofNullable(Rows.moneyOrNull(rs, "minimum_minor", "minimum_currency")),
                optional(Rows.longOrNull(rs, "usage_limit")), optional(Rows.longOrNull(rs, "per_customer_limit")),
                rs.getLong("times_used"));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static String codeKey(String code) {
        return PromotionCode.of(code).key();
    }

    private record Limits(Long usageLimit, Long perCustomerLimit, long timesUsed) {
    }
}
