package dev.cartwright.memory;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.pricing.Promotion;
import dev.cartwright.pricing.PromotionCode;
import dev.cartwright.pricing.PromotionId;
import dev.cartwright.pricing.PromotionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Promotions in memory: a table by id, a unique index by upper-cased code, the redemptions by promotion
 * and reference (and the promotions by reference) and a usage count per customer. Guarded by the store's lock, so checking a limit and counting a
 * redemption happen atomically.
 */
final class MemoryPromotionRepository implements PromotionRepository {

    private record RedemptionKey(PromotionId promotion, String reference) {
    }

    private record CustomerUseKey(PromotionId promotion, CustomerId customer) {
    }

    private record Redemption(Optional<CustomerId> customer, Instant at) {
    }

    private final MemoryTable<PromotionId, Promotion> byId;
    private final MemoryTable<String, PromotionId> idByCode;
    private final MemoryTable<RedemptionKey, Redemption> redemptions;
    private final MemoryTable<CustomerUseKey, Long> customerUses;
    /** The promotions redeemed for each reference, so that releasing a reference is no scan. */
    private final MemoryTable<String, Set<PromotionId>> promotionsByReference;

    MemoryPromotionRepository(Journal journal) {
        this.byId = journal.table();
        this.idByCode = journal.table();
        this.redemptions = journal.table();
        this.customerUses = journal.table();
        this.promotionsByReference = journal.table();
    }

    @Override
    public void insert(Promotion promotion) {
        Optional<String> key = promotion.code().map(MemoryPromotionRepository::codeKey);
        if (key.isPresent() && idByCode.contains(key.get())) {
            throw new CommerceException(ErrorCode.CONFLICT, "code",
                    "a promotion with code " + promotion.code().get() + " already exists", null);
        }
        if (byId.contains(promotion.id())) {
            throw CommerceException.conflict("a promotion with id " + promotion.id() + " already exists");
        }
        byId.put(promotion.id(), promotion);
        key.ifPresent(code -> idByCode.put(code, promotion.id()));
    }

    @Override
    public Optional<Promotion> findById(PromotionId id) {
        return byId.get(id);
    }

    @Override
    public Optional<Promotion> findByCode(String code) {
        return idByCode.get(codeKey(code)).flatMap(byId::get);
    }

    @Override
    public List<Promotion> findAllByCode(Collection<String> codes) {
        Set<Promotion> found = new LinkedHashSet<>();
        for (String code : codes) {
            findByCode(code).ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    @Override
    public List<Promotion> findAutomatic(Instant now) {
        List<Promotion> active = new ArrayList<>();
        for (Promotion promotion : byId.values()) {
            if (promotion.isAutomatic() && promotion.isValidAt(now)) {
                active.add(promotion);
            }
        }
        active.sort(Comparator.comparing(promotion -> promotion.id().value()));
        return active;
    }

    @Override
    public boolean tryRedeem(PromotionId id, Optional<CustomerId> customer, String reference, Instant now) {
        RedemptionKey key = new RedemptionKey(id, reference);
        if (redemptions.contains(key)) {
            return true;
        }
        Promotion promotion = byId.get(id).orElseThrow(() -> CommerceException.notFound("promotion", id));
        if (promotion.isUsedUp()) {
            return false;
        }
        if (customer.isPresent() && promotion.perCustomerLimit().isPresent()
                && timesUsedBy(id, customer.get()) >= promotion.perCustomerLimit().getAsLong()) {
            return false;
        }
        byId.put(id, new Promotion(promotion.id(), promotion.name(), promotion.code(), promotion.discount(),
                promotion.validFrom(), promotion.validUntil(), promotion.minimumSubtotal(), promotion.usageLimit(),
                promotion.perCustomerLimit(), promotion.timesUsed() + 1));
        redemptions.put(key, new Redemption(customer, now));
        Set<PromotionId> ofReference = new HashSet<>(promotionsByReference.get(reference).orElse(Set.of()));
        ofReference.add(id);
        promotionsByReference.put(reference, Set.copyOf(ofReference));
        customer.ifPresent(who -> customerUses.put(new CustomerUseKey(id, who), timesUsedBy(id, who) + 1));
        return true;
    }

    @Override
    public boolean releaseAll(String reference) {
        Set<PromotionId> released = promotionsByReference.get(reference).orElse(Set.of());
        promotionsByReference.remove(reference);
        for (PromotionId id : released) {
            RedemptionKey key = new RedemptionKey(id, reference);
            Optional<CustomerId> customer = redemptions.get(key).orElseThrow().customer();
            redemptions.remove(key);
            Promotion promotion = byId.get(key.promotion()).orElseThrow();
            byId.put(promotion.id(), new Promotion(promotion.id(), promotion.name(), promotion.code(),
                    promotion.discount(), promotion.validFrom(), promotion.validUntil(), promotion.minimumSubtotal(),
                    promotion.usageLimit(), promotion.perCustomerLimit(), promotion.timesUsed() - 1));
            customer.ifPresent(who -> customerUses.put(new CustomerUseKey(key.promotion(), who),
                    timesUsedBy(key.promotion(), who) - 1));
        }
        return !released.isEmpty();
    }

    @Override
    public boolean isRedeemed(PromotionId id, String reference) {
        return redemptions.contains(new RedemptionKey(id, reference));
    }

    @Override
    public long timesUsedBy(PromotionId id, CustomerId customer) {
        return customerUses.get(new CustomerUseKey(id, customer)).orElse(0L);
    }

    private static String codeKey(String code) {
        return PromotionCode.of(code).key();
    }
}
