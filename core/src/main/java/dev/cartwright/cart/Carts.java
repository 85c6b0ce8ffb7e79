package dev.cartwright.cart;

import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import dev.cartwright.pricing.Destination;
import dev.cartwright.pricing.PriceCalculator;
import dev.cartwright.pricing.PriceRequest;
import dev.cartwright.pricing.PricedLine;
import dev.cartwright.pricing.Promotion;
import dev.cartwright.pricing.PromotionCode;
import dev.cartwright.pricing.PromotionRepository;
import dev.cartwright.pricing.ShippingOption;
import dev.cartwright.pricing.ShippingOptions;
import dev.cartwright.pricing.TaxPolicy;
import dev.cartwright.pricing.Totals;
import dev.cartwright.store.IdGenerator;
import dev.cartwright.store.SecretTokens;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The cart's use cases: create carts for guests and customers, add and change lines, enter promotion codes,
 * price a cart and merge a guest's cart into the customer's at login. Thread-safe.
 *
 * <p>Every operation on a cart is given first who acts on it, a {@link CartAccess}: the customer who owns it, or
 * for a guest's cart the secret handed out once by {@link #create}. Anyone else fails with {@code FORBIDDEN}
 * (field {@code cartId}) and changes nothing, so a cart id that leaks reaches nothing. Staff do not act on carts
 * here.
 *
 * <p>Every change loads the cart, checks it, and writes it back with the next version under an optimistic
 * check, so two concurrent changes of one cart never both win: the loser fails with {@code CONFLICT} (on a
 * store that does not serialize them), and changes nothing. Only an {@link CartStatus#ACTIVE} cart changes;
 * others fail with {@code INVALID_TRANSITION}. A call that fails changes nothing.
 */
public final class Carts {

    private final UnitOfWork<CartRepositories> transactions;
    private final Clock clock;
    private final IdGenerator ids;
    private final CartLimits limits;
    private final PriceCalculator calculator;
    private final TaxPolicy taxPolicy;
    private final ShippingOptions shippingOptions;

    /**
     * @param transactions the transactions to run in
     * @param clock the time source for timestamps and promotion windows
     * @param ids how new carts are named
     * @param limits how large a cart may grow
     * @param calculator prices carts
     * @param taxPolicy the tax rates
     * @param shippingOptions the ways to ship
     */
    public Carts(UnitOfWork<CartRepositories> transactions, Clock clock, IdGenerator ids, CartLimits limits,
            PriceCalculator calculator, TaxPolicy taxPolicy, ShippingOptions shippingOptions) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.clock = Validate.notNull(clock, "clock");
        this.ids = Validate.notNull(ids, "ids");
        this.limits = Validate.notNull(limits, "limits");
        this.calculator = Validate.notNull(calculator, "calculator");
        this.taxPolicy = Validate.notNull(taxPolicy, "taxPolicy");
        this.shippingOptions = Validate.notNull(shippingOptions, "shippingOptions");
    }

    /**
     * Creates an empty cart for a guest, with a new secret that is returned here once and stored only as its
     * SHA-256: whoever holds it acts on the cart ({@link GuestCart#access()}).
     *
     * @param currency the currency its products must be priced in
     * @return the cart, version 0, and its secret
     * @throws CommerceException {@code VALIDATION} if the currency is null or has no minor unit
     */
    public GuestCart create(Currency currency) {
        String secret = SecretTokens.newToken();
        Cart cart = newCart(Optional.empty(), Optional.of(SecretTokens.hash(secret)), currency);
        return transactions.inTransaction(tx -> {
            tx.carts().insert(cart);
            return new GuestCart(cart, secret);
        });
    }

    /**
     * Creates an empty cart for a customer, who may have one active cart at a time.
     *
     * @param customer the owner
     * @param currency the currency its products must be priced in
     * @return the cart, version 0
     * @throws CommerceException {@code VALIDATION} for a bad argument; {@code CONFLICT} (field
     *     {@code customerId}) if the customer already has an active cart
     */
    public Cart createFor(CustomerId customer, Currency currency) {
        Validate.notNull(customer, "customerId");
        Cart cart = newCart(Optional.of(customer), Optional.empty(), currency);
        return transactions.inTransaction(tx -> {
            tx.carts().insert(cart);
            return cart;
        });
    }

    /**
     * Finds a customer's own active cart; the host passes the customer it authenticated.
     *
     * @param customer a customer
     * @return the customer's active cart, if they have one
     * @throws CommerceException {@code VALIDATION} if the customer is null
     */
    public Optional<Cart> activeCartOf(CustomerId customer) {
        Validate.notNull(customer, "customerId");
        return transactions.read(tx -> tx.carts().findActiveByCustomer(customer));
    }

    /**
     * @param access who acts
     * @param id a cart
     * @return the cart, whatever its status
     * @throws CommerceException {@code VALIDATION} for a null argument; {@code NOT_FOUND} if there is no such
     *     cart; {@code FORBIDDEN} (field {@code cartId}) if the cart does not admit the access
     */
    public Cart get(CartAccess access, CartId id) {
        Validate.notNull(access, "access");
        Validate.notNull(id, "cartId");
        return transactions.read(tx -> load(tx, access, id));
    }

    /**
     * Adds units of an active product. A new line snapshots the product's name, price and tax class; adding
     * a SKU the cart holds raises its quantity and refreshes the snapshot, so the line shows the price the
     * shopper saw last.
     *
     * @param access who acts
     * @param id the cart
     * @param sku the product's SKU
     * @param quantity how many to add, at least 1
     * @return the changed cart
     * @throws CommerceException {@code FORBIDDEN} (field {@code cartId}) unless the cart admits the access;
     *     {@code VALIDATION} for a bad argument; {@code NOT_FOUND} for an unknown cart,
     *     or (field {@code sku}) an unknown or archived product; {@code CURRENCY_MISMATCH} if the product is
     *     priced in another currency than the cart; {@code LIMIT_EXCEEDED} (field {@code quantity} or
     *     {@code lines}) past the {@link CartLimits}; {@code INVALID_TRANSITION} if the cart is not active
     */
    public Cart add(CartAccess access, CartId id, Sku sku, long quantity) {
        Validate.notNull(access, "access");
        Validate.notNull(id, "cartId");
        Validate.notNull(sku, "sku");
        Validate.positive(quantity, "quantity");
        requireQuantityWithinLimit(quantity);
        // Read before the transaction: the catalog may be another service's, and no transaction waits on it.
        Optional<Product> found = transactions.read(tx -> tx.products().findBySku(sku)).filter(Product::isActive);
        return change(access, id, (tx, cart) -> {
            Product product = found.orElseThrow(() -> new CommerceException(ErrorCode.NOT_FOUND, "sku",
                    "product not found: " + sku, null));
            if (!product.price().currency().equals(cart.currency())) {
                throw new CommerceException(ErrorCode.CURRENCY_MISMATCH, "product " + sku + " is priced in "
                        + product.price().currency() + ", the cart in " + cart.currency());
            }
            long newQuantity = cart.line(sku).map(CartLine::quantity).orElse(0L) + quantity;
            requireQuantityWithinLimit(newQuantity);
            CartLine line = new CartLine(sku, product.id(), product.name(), product.price(), product.taxClass(),
                    newQuantity);
            List<CartLine> lines = new ArrayList<>(cart.lines());
            int index = indexOf(lines, sku);
            if (index >= 0) {
                lines.set(index, line);
            } else {
                requireRoomForLines(lines.size() + 1);
                lines.add(line);
            }
            return cart.withLines(lines, clock.instant());
        });
    }

    /**
     * Sets the quantity of a line; zero removes it.
     *
     * @param access who acts
     * @param id the cart
     * @param sku the line's SKU
     * @param quantity the new quantity, zero or more
     * @return the changed cart (the same version if the quantity did not change)
     * @throws CommerceException {@code FORBIDDEN} (field {@code cartId}) unless the cart admits the access;
     *     {@code VALIDATION} for a bad argument; {@code NOT_FOUND} for an unknown cart or
     *     (field {@code sku}) a SKU the cart does not hold; {@code LIMIT_EXCEEDED} (field {@code quantity});
     *     {@code INVALID_TRANSITION} if the cart is not active
     */
    public Cart changeQuantity(CartAccess access, CartId id, Sku sku, long quantity) {
        Validate.notNull(access, "access");
        Validate.notNull(id, "cartId");
        Validate.notNull(sku, "sku");
        Validate.notNegative(quantity, "quantity");
        requireQuantityWithinLimit(quantity);
        return change(access, id, (tx, cart) -> {
            CartLine line = requireLine(cart, sku);
            if (line.quantity() == quantity) {
                return cart;
            }
            List<CartLine> lines = new ArrayList<>(cart.lines());
            int index = indexOf(lines, sku);
            if (quantity == 0) {
                lines.remove(index);
            } else {
                lines.set(index, line.withQuantity(quantity));
            }
            return cart.withLines(lines, clock.instant());
        });
    }

    /**
     * Removes a line.
     *
     * @param access who acts
     * @param id the cart
     * @param sku the line's SKU
     * @return the changed cart
     * @throws CommerceException {@code FORBIDDEN} (field {@code cartId}) unless the cart admits the access;
     *     {@code VALIDATION} for a bad argument; {@code NOT_FOUND} for an unknown cart or
     *     (field {@code sku}) a SKU the cart does not hold; {@code INVALID_TRANSITION} if the cart is not active
     */
    public Cart remove(CartAccess access, CartId id, Sku sku) {
        Validate.notNull(access, "access");
        Validate.notNull(id, "cartId");
        Validate.notNull(sku, "sku");
        return change(access, id, (tx, cart) -> {
            requireLine(cart, sku);
            List<CartLine> lines = new ArrayList<>(cart.lines());
            lines.remove(indexOf(lines, sku));
            return cart.withLines(lines, clock.instant());
        });
    }

    /**
     * Removes every line; promotion codes stay.
     *
     * @param access who acts
     * @param id the cart
     * @return the emptied cart (the same version if it was empty)
     * @throws CommerceException {@code FORBIDDEN} (field {@code cartId}) unless the cart admits the access;
     *     {@code VALIDATION} for a null argument; {@code NOT_FOUND} for an unknown cart;
     *     {@code INVALID_TRANSITION} if the cart is not active
     */
    public Cart clear(CartAccess access, CartId id) {
        Validate.notNull(access, "access");
        Validate.notNull(id, "cartId");
        return change(access, id,
                (tx, cart) -> cart.lines().isEmpty() ? cart : cart.withLines(List.of(), clock.instant()));
    }

    /**
     * Enters a promotion code. It must apply to the cart now: in its window, not used up, in the cart's
     * currency and at or above its minimum subtotal (a code that later stops applying is skipped when the cart
     * is priced). Entering a code again, in any case, changes nothing.
     *
     * @param access who acts
     * @param id the cart
     * @param code the code, matched ignoring case
     * @return the cart with the code, spelled as the promotion spells it
     * @throws CommerceException {@code FORBIDDEN} (field {@code cartId}) unless the cart admits the access;
     *     {@code VALIDATION} for a bad argument; {@code NOT_FOUND} for an unknown cart or
     *     (field {@code code}) an unknown code; {@code PROMOTION_NOT_APPLICABLE} (field {@code code}) if it does
     *     not apply now; {@code LIMIT_EXCEEDED} (field {@code code}) if the cart's customer has used it up;
     *     {@code INVALID_TRANSITION} if the cart is not active
     */
    public Cart applyPromotionCode(CartAccess access, CartId id, String code) {
        Validate.notNull(access, "access");
        Validate.notNull(id, "cartId");
        Validate.notBlank(code, "code", 64);
        return change(access, id, (tx, cart) -> {
            Promotion promotion = tx.promotions().findByCode(code)
                    .orElseThrow(() -> new CommerceException(ErrorCode.NOT_FOUND, "code",
                            "promotion code not found: " + code, null));
            String canonical = promotion.code().orElseThrow();
            if (indexOfCode(cart.promotionCodes(), canonical) >= 0) {
                return cart;
            }
            Instant now = clock.instant();
            promotion.requireApplicable(cart.subtotal(), now);
            if (cart.customerId().isPresent() && tx.promotions().isUsedUpBy(promotion, cart.customerId().get())) {
                throw new CommerceException(ErrorCode.LIMIT_EXCEEDED, "code",
                        "promotion " + canonical + " has been used up by this customer", null);
            }
            List<String> codes = new ArrayList<>(cart.promotionCodes());
            codes.add(canonical);
            return cart.withPromotionCodes(codes, now);
        });
    }

    /**
     * Takes back a promotion code.
     *
     * @param access who acts
     * @param id the cart
     * @param code the code, matched ignoring case
     * @return the cart without it
     * @throws CommerceException {@code FORBIDDEN} (field {@code cartId}) unless the cart admits the access;
     *     {@code VALIDATION} for a bad argument; {@code NOT_FOUND} for an unknown cart or
     *     (field {@code code}) a code the cart does not hold; {@code INVALID_TRANSITION} if the cart is not active
     */
    public Cart removePromotionCode(CartAccess access, CartId id, String code) {
        Validate.notNull(access, "access");
        Validate.notNull(id, "cartId");
        Validate.notBlank(code, "code", 64);
        return change(access, id, (tx, cart) -> {
            int index = indexOfCode(cart.promotionCodes(), code);
            if (index < 0) {
                throw new CommerceException(ErrorCode.NOT_FOUND, "code", "cart holds no promotion code " + code, null);
            }
            List<String> codes = new ArrayList<>(cart.promotionCodes());
            codes.remove(index);
            return cart.withPromotionCodes(codes, clock.instant());
        });
    }

    /**
     * Prices a cart without shipping, at its snapshot prices, with the automatic promotions that apply now and
     * the entered codes that still apply.
     *
     * @param access who acts
     * @param id the cart
     * @param destination where it would be shipped, for tax
     * @return the totals
     * @throws CommerceException {@code FORBIDDEN} (field {@code cartId}) unless the cart admits the access;
     *     {@code VALIDATION} for a bad argument; {@code NOT_FOUND} for an unknown cart
     */
    public Totals price(CartAccess access, CartId id, Destination destination) {
        Validate.notNull(access, "access");
        Validate.notNull(id, "cartId");
        Validate.notNull(destination, "destination");
        return price(access, id, destination, Optional.empty());
    }

    /**
     * Prices a cart with shipping, as {@link #price(CartAccess, CartId, Destination)} does.
     *
     * @param access who acts
     * @param id the cart
     * @param destination where it is shipped
     * @param shippingOptionId one of the configured {@link ShippingOptions}
     * @return the totals
     * @throws CommerceException {@code FORBIDDEN} (field {@code cartId}) unless the cart admits the access;
     *     {@code VALIDATION} for a bad argument, an unknown option (field
     *     {@code shippingOption}) or one that does not ship to the destination (field {@code destination});
     *     {@code NOT_FOUND} for an unknown cart; {@code CURRENCY_MISMATCH} if the shipping rate is in another
     *     currency than the cart
     */
    public Totals price(CartAccess access, CartId id, Destination destination, String shippingOptionId) {
        Validate.notNull(access, "access");
        Validate.notNull(id, "cartId");
        Validate.notNull(destination, "destination");
        ShippingOption option = shippingOptions.require(shippingOptionId, destination);
        return price(access, id, destination, Optional.of(option));
    }

    /**
     * Merges a guest's cart into the customer's active cart at login: the guest's lines are added (quantities
     * of a SKU in both are summed, capped at the per-line limit), the codes are united, and the guest cart
     * becomes {@link CartStatus#MERGED}. If the customer has no active cart, the guest cart becomes theirs.
     * Merging a cart that is already the customer's active cart changes nothing, so a repeated login with the
     * same guest secret is harmless.
     *
     * @param guestAccess the guest's access to the cart, with the secret its creator was handed
     * @param guestCart the guest's cart
     * @param customer the customer who logged in, as the host authenticated them
     * @return the customer's active cart
     * @throws CommerceException {@code FORBIDDEN} (field {@code cartId}) unless the cart admits the guest's
     *     access or is already the customer's; {@code VALIDATION} for a bad argument; {@code NOT_FOUND} for an
     *     unknown cart; {@code INVALID_TRANSITION} if it is not active; {@code CURRENCY_MISMATCH} if the two
     *     carts are in different currencies; {@code LIMIT_EXCEEDED} (field {@code lines}) if the merged cart would hold too many lines
     */
    public Cart merge(CartAccess guestAccess, CartId guestCart, CustomerId customer) {
        Validate.notNull(guestAccess, "access");
        Validate.notNull(guestCart, "cartId");
        Validate.notNull(customer, "customerId");
        CartAccess owner = CartAccess.customer(customer);
        return transactions.inTransaction(tx -> {
            CartRepository carts = tx.carts();
            Cart guest = load(tx, guestCart);
            if (!guest.admits(owner)) {
                guest.requireAdmits(guestAccess);
                if (guest.customerId().isPresent()) {
                    throw new CommerceException(ErrorCode.FORBIDDEN, "cartId",
                            "cart " + guestCart + " belongs to another customer", null);
                }
            }
            guest.requireActive();
            if (guest.customerId().isPresent()) {
                return guest;
            }
            Instant now = clock.instant();
            Optional<Cart> existing = carts.findActiveByCustomer(customer);
            if (existing.isEmpty()) {
                Cart assigned = guest.changed(Optional.of(customer), guest.lines(), guest.promotionCodes(),
                        CartStatus.ACTIVE, now);
                carts.update(assigned, guest.version());
                return assigned;
            }
            Cart target = existing.get();
            if (!target.currency().equals(guest.currency())) {
                throw new CommerceException(ErrorCode.CURRENCY_MISMATCH, "cannot merge a cart in " + guest.currency()
                        + " into one in " + target.currency());
            }
            Map<Sku, CartLine> lines = new LinkedHashMap<>();
            target.lines().forEach(line -> lines.put(line.sku(), line));
            for (CartLine line : guest.lines()) {
                CartLine present = lines.get(line.sku());
                lines.put(line.sku(), present == null ? line
                        : present.withQuantity(Math.min(present.quantity() + line.quantity(), limits.maxQuantityPerLine())));
            }
            requireRoomForLines(lines.size());
            List<String> codes = new ArrayList<>(target.promotionCodes());
            for (String code : guest.promotionCodes()) {
                if (indexOfCode(codes, code) < 0) {
                    codes.add(code);
                }
            }
            Cart merged = target.changed(target.customerId(), new ArrayList<>(lines.values()), codes,
                    CartStatus.ACTIVE, now);
            carts.update(guest.changed(guest.customerId(), guest.lines(), guest.promotionCodes(), CartStatus.MERGED,
                    now), guest.version());
            carts.update(merged, target.version());
            return merged;
        });
    }

    private Totals price(CartAccess access, CartId id, Destination destination, Optional<ShippingOption> option) {
        return transactions.read(tx -> {
            Cart cart = load(tx, access, id);
            Instant now = clock.instant();
            PromotionRepository promotions = tx.promotions();
            List<Promotion> candidates = new ArrayList<>(promotions.findAutomatic(now));
            if (!cart.promotionCodes().isEmpty()) {
                candidates.addAll(promotions.findAllByCode(cart.promotionCodes()));
            }
            if (cart.customerId().isPresent()) {
                CustomerId customer = cart.customerId().get();
                candidates.removeIf(promotion -> promotions.isUsedUpBy(promotion, customer));
            }
            List<PricedLine> lines = cart.lines().stream()
                    .map(line -> new PricedLine(line.sku(), line.unitPrice(), line.quantity(), line.taxClass()))
                    .toList();
            return calculator.price(new PriceRequest(cart.currency(), lines, candidates, destination, option,
                    taxPolicy, now));
        });
    }

    private Cart change(CartAccess access, CartId id, BiFunction<CartRepositories, Cart, Cart> change) {
        return transactions.inTransaction(tx -> {
            Cart cart = load(tx, access, id);
            cart.requireActive();
            Cart changed = change.apply(tx, cart);
            if (changed != cart) {
                tx.carts().update(changed, cart.version());
            }
            return changed;
        });
    }

    private Cart newCart(Optional<CustomerId> customer, Optional<String> guestSecretHash, Currency currency) {
        Validate.notNull(currency, "currency");
        Money.zero(currency);
        Instant now = clock.instant();
        return new Cart(new CartId(ids.next()), customer, guestSecretHash, currency, List.of(), List.of(),
                CartStatus.ACTIVE, 0, now, now);
    }

    private static Cart load(CartRepositories tx, CartId id) {
        return tx.carts().findById(id).orElseThrow(() -> CommerceException.notFound("cart", id));
    }

    private static Cart load(CartRepositories tx, CartAccess access, CartId id) {
        return load(tx, id).requireAdmits(access);
    }

    private void requireQuantityWithinLimit(long quantity) {
        if (quantity > limits.maxQuantityPerLine()) {
            throw new CommerceException(ErrorCode.LIMIT_EXCEEDED, "quantity",
                    "quantity " + quantity + " exceeds the limit of " + limits.maxQuantityPerLine() + " per line", null);
        }
    }

    private void requireRoomForLines(int lineCount) {
        if (lineCount > limits.maxLines()) {
            throw new CommerceException(ErrorCode.LIMIT_EXCEEDED, "lines",
                    "a cart holds at most " + limits.maxLines() + " lines", null);
        }
    }

    private static CartLine requireLine(Cart cart, Sku sku) {
        return cart.line(sku).orElseThrow(() -> new CommerceException(ErrorCode.NOT_FOUND, "sku",
                "cart " + cart.id() + " holds no line for " + sku, null));
    }

    private static int indexOf(List<CartLine> lines, Sku sku) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).sku().equals(sku)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfCode(List<String> codes, String code) {
        PromotionCode wanted = PromotionCode.of(code);
        for (int i = 0; i < codes.size(); i++) {
            if (wanted.matches(codes.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
