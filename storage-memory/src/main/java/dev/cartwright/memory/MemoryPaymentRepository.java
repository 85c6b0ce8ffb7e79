package dev.cartwright.memory;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.payment.PaymentRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Payments in memory, indexed by idempotency key and reference; gateway event ids kept for de-duplication. */
final class MemoryPaymentRepository implements PaymentRepository {

    private final MemoryTable<PaymentId, Payment> payments;
    private final MemoryTable<String, PaymentId> byIdempotencyKey;
    private final MemoryTable<String, List<PaymentId>> byReference;
    private final MemoryTable<String, PaymentId> gatewayEvents;

    MemoryPaymentRepository(Journal journal) {
        this.payments = journal.table();
        this.byIdempotencyKey = journal.table();
        this.byReference = journal.table();
        this.gatewayEvents = journal.table();
    }

    @Override
    public void insert(Payment payment) {
        Validate.notNull(payment, "payment");
        if (payments.contains(payment.id())) {
            throw CommerceException.conflict("payment " + payment.id() + " exists already");
        }
        if (byIdempotencyKey.contains(payment.idempotencyKey())) {
            throw new CommerceException(ErrorCode.CONFLICT, "idempotencyKey", "a payment with idempotency key "
                    + payment.idempotencyKey() + " exists already", null);
        }
        payments.put(payment.id(), payment);
        byIdempotencyKey.put(payment.idempotencyKey(), payment.id());
        List<PaymentId> ids = new ArrayList<>(byReference.get(payment.reference()).orElse(List.of()));
        ids.add(payment.id());
        byReference.put(payment.reference(), List.copyOf(ids));
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        Validate.notNull(id, "id");
        return payments.get(id);
    }

    /** The store runs one transaction at a time, so reading is enough. */
    @Override
    public Optional<Payment> findByIdForUpdate(PaymentId id) {
        return findById(id);
    }

    @Override
    public List<Payment> findByReference(String reference) {
        Validate.notNull(reference, "reference");
        return byReference.get(reference).orElse(List.of()).stream()
                .map(id -> payments.get(id).orElseThrow())
                .toList();
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
        Validate.notNull(idempotencyKey, "idempotencyKey");
        return byIdempotencyKey.get(idempotencyKey).flatMap(payments::get);
    }

    @Override
    public void update(Payment payment, long expectedVersion) {
        Validate.notNull(payment, "payment");
        if (payment.version() <= expectedVersion) {
            throw CommerceException.invalid("version", "must be above the expected version " + expectedVersion);
        }
        Payment stored = payments.get(payment.id())
                .orElseThrow(() -> CommerceException.notFound("payment", payment.id()));
        if (stored.version() != expectedVersion) {
            throw CommerceException.conflict("payment " + payment.id() + " is at version " + stored.version()
                    + ", not " + expectedVersion + ": it changed since it was read");
        }
        if (!stored.idempotencyKey().equals(payment.idempotencyKey()) || !stored.reference().equals(payment.reference())) {
            throw CommerceException.invalid("payment", "must keep its idempotency key and reference");
        }
        payments.put(payment.id(), payment);
    }

    @Override
    public boolean recordGatewayEvent(PaymentId paymentId, String gatewayEventId, Instant receivedAt) {
        Validate.notNull(paymentId, "paymentId");
        Validate.notBlank(gatewayEventId, "gatewayEventId", 255);
        Validate.notNull(receivedAt, "receivedAt");
        if (gatewayEvents.contains(gatewayEventId)) {
            return false;
        }
        gatewayEvents.put(gatewayEventId, paymentId);
        return true;
    }
}
