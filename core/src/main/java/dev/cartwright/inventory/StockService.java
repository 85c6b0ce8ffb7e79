package dev.cartwright.inventory;

import dev.cartwright.catalog.Sku;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Stock kept by another service, as a checkout elsewhere uses it: units held under a key that the caller chooses
 * (the order's), then sold or given back under the same key, and what was sold returned in parts. Every call is
 * idempotent by its key, so a caller that did not get an answer (a timeout, a lost connection) repeats the call and
 * cannot hold, sell or return twice.
 *
 * <p>{@link StockHolds} serves a store's own stock this way, in process; a host serves it over the wire to the
 * services that take orders (the microservices example does, over HTTP), and implements this interface as the
 * client. A client reports a call whose outcome it does not know by throwing anything but a
 * {@link dev.cartwright.error.CommerceException}; those are answers.
 */
public interface StockService {

    /**
     * Holds units of each SKU under {@code key} until {@code until}, all or none. Repeating the call with the same
     * key and quantities changes nothing and succeeds, whatever became of the hold since.
     *
     * @param key the caller's key for the holds, at most 200 characters, not blank
     * @param quantities the units to hold by SKU, each at least one; at least one SKU
     * @param until when the holds lapse if neither sold nor given back
     * @throws InsufficientStockException if a SKU has fewer units available (the first short one, in SKU order);
     *     nothing is held
     * @throws dev.cartwright.error.CommerceException {@code CONFLICT} (field {@code key}) if the key already holds
     *     other quantities; {@code VALIDATION} naming the field for a bad argument
     */
    void reserve(String key, Map<Sku, Long> quantities, Instant until);

    /**
     * Sells what {@code key} holds of {@code skus}, all or none: the units leave on hand and count as sold.
     * Repeating the call after it succeeded changes nothing and succeeds.
     *
     * @param key the key the units were held under
     * @param skus the SKUs the key holds, as reserved (the caller knows its lines; the key alone does not name
     *     them), 1 to {@value Inventory#MAX_LINES}
     * @throws InsufficientStockException if a hold lapsed or was given back before it was sold (naming the first
     *     such SKU, in SKU order); nothing is sold
     * @throws dev.cartwright.error.CommerceException {@code NOT_FOUND} (field {@code key}) if the key holds none
     *     of the SKUs, or (field {@code skus}) if it holds some but not all of them, and then nothing is sold;
     *     {@code VALIDATION} naming the field for a bad argument
     */
    void confirm(String key, Collection<Sku> skus);

    /**
     * Gives back what {@code key} holds of {@code skus}: live holds (lapsed or not) are released, and units it
     * sold go back on hand as the undoing of their sale. Repeating the call changes nothing; a SKU the key never
     * held, or a key that holds nothing, is no error.
     *
     * @param key the key the units were held under
     * @param skus the SKUs the key holds, as reserved, 1 to {@value Inventory#MAX_LINES}
     * @throws dev.cartwright.error.CommerceException {@code VALIDATION} naming the field for a bad argument;
     *     {@link ReturnExceedsSoldException} if sold units to undo were already returned another way (by
     *     {@link Inventory#returnSold}), and then nothing is given back
     */
    void release(String key, Collection<Sku> skus);

    /**
     * Puts part of what {@code key} sold back on hand, as returns of its sale (a refund that restocks): each SKU's
     * sold units drop by its quantity and its units on hand rise by as many. The return is the caller's, named by
     * {@code returnId}: repeating the call with the same key, return id and units changes nothing and succeeds,
     * whatever became of the key's sale since. A key never returns more of a SKU than it sold and has not had
     * back, by earlier returns or by {@link #release}; a later {@code release} gives back only what is still sold.
     *
     * @param key the key the units were held and sold under
     * @param returnId the caller's id for this return, at most 200 characters, not blank
     * @param units the units to put back by SKU, each at least one; 1 to {@value Inventory#MAX_LINES} SKUs
     * @throws ReturnExceedsSoldException if the key has fewer units of a SKU still sold (none if it never sold it,
     *     or its sale was given back), naming the first such SKU in SKU order with what the key still has sold;
     *     nothing is returned
     * @throws dev.cartwright.error.CommerceException {@code CONFLICT} (field {@code returnId}) if the return id was
     *     used for other units under the key; {@code VALIDATION} naming the field for a bad argument
     */
    void returnSold(String key, String returnId, Map<Sku, Long> units);
}
