package dev.cartwright.order;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an {@link Order} stands in its life. Payment and fulfilment progress are kept apart, in
 * {@link OrderPaymentStatus} and {@link FulfillmentStatus}. The allowed moves are data, readable with
 * {@link #allowedTransitions()}; any other move fails with {@code INVALID_TRANSITION}.
 */
public enum OrderStatus {
    /** Placed, stock reserved, waiting for an approved payment. */
    PENDING_PAYMENT,
    /** Paid (authorized or captured); stock sold; to be shipped. */
    CONFIRMED,
    /**
     * An order whose cancellation has begun: a confirmed one's payment is being voided or refunded at the gateway,
     * or (with stock kept by another service) an unpaid one's holds are being given back there. It cannot ship, be
     * paid, captured or refunded meanwhile; it becomes {@link #CANCELLED}, or {@link #CONFIRMED} again if the
     * gateway refuses to give a confirmed one's money back.
     */
    CANCELLING,
    /** Delivered in full. Refunds may still follow; the status stays. */
    COMPLETED,
    /** Cancelled by the customer, staff or expiry; stock given back. Terminal. */
    CANCELLED;

    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = new EnumMap<>(OrderStatus.class);

    static {
        ALLOWED.put(PENDING_PAYMENT, EnumSet.of(CONFIRMED, CANCELLING, CANCELLED));
        ALLOWED.put(CONFIRMED, EnumSet.of(COMPLETED, CANCELLING));
        ALLOWED.put(CANCELLING, EnumSet.of(CANCELLED, CONFIRMED));
        ALLOWED.put(COMPLETED, EnumSet.noneOf(OrderStatus.class));
        ALLOWED.put(CANCELLED, EnumSet.noneOf(OrderStatus.class));
    }

    /** @return every allowed move, by the status it starts from; an unmodifiable copy */
    public static Map<OrderStatus, Set<OrderStatus>> allowedTransitions() {
        Map<OrderStatus, Set<OrderStatus>> copy = new EnumMap<>(OrderStatus.class);
        ALLOWED.forEach((from, to) -> copy.put(from, Set.copyOf(to)));
        return Map.copyOf(copy);
    }

    /**
     * @param target a status
     * @return whether an order in this status may move to {@code target}
     */
    public boolean canMoveTo(OrderStatus target) {
        return ALLOWED.get(this).contains(target);
    }

    /** @return whether no move leaves this status */
    public boolean isTerminal() {
        return ALLOWED.get(this).isEmpty();
    }
}
