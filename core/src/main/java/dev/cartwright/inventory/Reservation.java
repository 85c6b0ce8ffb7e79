package dev.cartwright.inventory;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hold on stock of one SKU, made for a checkout, that counts against the available stock until
 * it is committed (sold), released, or expires. Immutable; its progress is its
 * {@link ReservationStatus}, kept by the store.
 *
 * @param id the identity
 * @param sku the SKU held
 * @param quantity how many units, at least one
 * @param expiresAt from this instant on it no longer holds stock and cannot be committed
 * @param createdAt when it was made
 */
public record Reservation(ReservationId id, Sku sku, long quantity, Instant expiresAt, Instant createdAt) {

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} if a field is missing, the quantity is not positive
     *     or it expires before it is made
     */
    public Reservation {
        Validate.notNull(id, "reservationId");
        Validate.notNull(sku, "sku");
        Validate.positive(quantity, "quantity");
        Validate.notNull(expiresAt, "expiresAt");
        Validate.notNull(createdAt, "createdAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw CommerceException.invalid("expiresAt", "must be after createdAt");
        }
    }

    /**
     * @param now the instant to judge at
     * @return whether it has expired by {@code now} (expiry is inclusive: at {@code expiresAt} it is over)
     */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * @param reservations reservations, such as those of one attempt
     * @return the units they hold by SKU, in SKU order
     */
    static Map<Sku, Long> unitsBySku(List<Reservation> reservations) {
        Map<Sku, Long> units = new TreeMap<>();
        reservations.forEach(reservation -> units.merge(reservation.sku(), reservation.quantity(), Math::addExact));
        return units;
    }
}
