package dev.cartwright.inventory;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.UUID;

/**
 * Identifies a stock reservation. Ordered as unsigned 128-bit numbers, as databases sort UUIDs.
 *
 * @param value the UUID
 */
public record ReservationId(UUID value) implements Comparable<ReservationId> {

    /** Validates the value. */
    public ReservationId {
        Validate.notNull(value, "reservationId");
    }

    /**
     * @param text a UUID in its canonical text form
     * @return the id
     * @throws CommerceException {@code VALIDATION} if it is not a UUID
     */
    public static ReservationId parse(String text) {
        Validate.notNull(text, "reservationId");
        try {
            return new ReservationId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw CommerceException.invalid("reservationId", "is not a UUID: " + text);
        }
    }

    /** Compares as unsigned 128-bit numbers, most significant bits first. */
    @Override
    public int compareTo(ReservationId other) {
        int high = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
