package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port through which payments are stored. Used only inside a transaction; implementations need
 * not be thread-safe beyond what their store's transactions give.
 */
public interface PaymentRepository {

    /**
     * Stores a new payment.
     *
     * @param payment the payment, usually {@link PaymentStatus#PENDING}
     * @throws CommerceException {@code CONFLICT} if its id or idempotency key is taken
     */
    void insert(Payment payment);

    /**
     * @param id the id
     * @return the payment, with its whole log
     */
    Optional<Payment> findById(PaymentId id);

    /**
     * Reads a payment and keeps others from changing it until this transaction ends, so that several
     * transactions recording money movements on one payment take turns instead of failing on its version.
     *
     * @param id the id
     * @return the payment, with its whole log
     */
    Optional<Payment> findByIdForUpdate(PaymentId id);

    /**
     * @param reference the reference, matched exactly
     * @return every payment for it (a declined attempt and its successful retry, say), oldest first
     */
    List<Payment> findByReference(String reference);

    /**
     * @param idempotencyKey the key its authorization was sent with, matched exactly
     * @return the payment
     */
    Optional<Payment> findByIdempotencyKey(String idempotencyKey);

    /**
     * Replaces a payment if nobody changed it since it was read.
     *
     * @param payment the changed payment, whose version is above {@code expectedVersion}
     * @param expectedVersion the version it had when it was read
     * @throws CommerceException {@code NOT_FOUND} if it was never inserted, {@code CONFLICT} if the
     *     stored version is not {@code expectedVersion}, {@code VALIDATION} if
     *     {@code payment.version()} is not above {@code expectedVersion}
     */
    void update(Payment payment, long expectedVersion);

    /**
     * Remembers that a gateway notification was received, so that a redelivery is recognized.
     * Gateway event ids are unique across all payments.
     *
     * @param paymentId the payment it concerned
     * @param gatewayEventId the gateway's id of the notification
     * @param receivedAt when it was received
     * @return {@code true} if it is new and now recorded; {@code false} if it was recorded before
     */
    boolean recordGatewayEvent(PaymentId paymentId, String gatewayEventId, Instant receivedAt);
}
