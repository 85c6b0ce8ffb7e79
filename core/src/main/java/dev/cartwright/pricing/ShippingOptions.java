package dev.cartwright.pricing;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's shipping options, built once by the host with {@link #builder()}. Immutable and thread-safe.
 */
public final class ShippingOptions {

    private static final ShippingOptions NONE = builder().build();

    private final Map<String, ShippingOption> byId;

    private ShippingOptions(Map<String, ShippingOption> byId) {
        this.byId = byId;
    }

    /** @return no shipping options: orders are priced without shipping */
    public static ShippingOptions none() {
        return NONE;
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param id an option's id
     * @return the option
     */
    public Optional<ShippingOption> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * @param destination where to ship
     * @return the options that ship there, in the order they were added
     */
    public List<ShippingOption> availableFor(Destination destination) {
        Validate.notNull(destination, "destination");
        return byId.values().stream().filter(option -> option.rateFor(destination).isPresent()).toList();
    }

    /**
     * @param id an option's id
     * @param destination where to ship
     * @return the option, which ships there
     * @throws CommerceException {@code VALIDATION} with field {@code shippingOption} if there is no such
     *     option, or field {@code destination} if it does not ship to the destination's country
     */
    public ShippingOption require(String id, Destination destination) {
        Validate.text(id, "shippingOption");
        Validate.notNull(destination, "destination");
        ShippingOption option = find(id)
                .orElseThrow(() -> CommerceException.invalid("shippingOption", "is unknown: " + id));
        if (option.rateFor(destination).isEmpty()) {
            throw CommerceException.invalid("destination", "is not served by shipping option " + id + ": "
                    + destination.country());
        }
        return option;
    }

    /** Collects the options of a {@link ShippingOptions}. Not thread-safe. */
    public static final class Builder {

        private final Map<String, ShippingOption> byId = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param option an option
         * @return this builder
         * @throws CommerceException {@code VALIDATION} if it is null or its id is already taken
         */
        public Builder add(ShippingOption option) {
            Validate.notNull(option, "option");
            if (byId.containsKey(option.id())) {
                throw CommerceException.invalid("option", "id is already taken: " + option.id());
            }
            byId.put(option.id(), option);
            return this;
        }

        /** @return the options */
        public ShippingOptions build() {
            return new ShippingOptions(new LinkedHashMap<>(byId));
        }
    }
}
