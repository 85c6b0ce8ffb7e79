package dev.cartwright.memory;

import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartId;
import dev.cartwright.cart.CartRepository;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.util.Optional;

/**
 * Carts in memory: a table by id and a unique index of each customer's active cart. Guarded by the store's
 * lock.
 */
final class MemoryCartRepository implements CartRepository {

    private final MemoryTable<CartId, Cart> byId;
    private final MemoryTable<CustomerId, CartId> activeByCustomer;

    MemoryCartRepository(Journal journal) {
        this.byId = journal.table();
        this.activeByCustomer = journal.table();
    }

    @Override
    public void insert(Cart cart) {
        if (byId.contains(cart.id())) {
            throw CommerceException.conflict("a cart with id " + cart.id() + " already exists");
        }
        index(cart);
        byId.put(cart.id(), cart);
    }

    @Override
    public Optional<Cart> findById(CartId id) {
        return byId.get(id);
    }

    @Override
    public Optional<Cart> findActiveByCustomer(CustomerId customer) {
        return activeByCustomer.get(customer).flatMap(byId::get);
    }

    @Override
    public void update(Cart cart, long expectedVersion) {
        Cart stored = byId.get(cart.id()).orElseThrow(() -> CommerceException.notFound("cart", cart.id()));
        if (stored.version() != expectedVersion) {
            throw CommerceException.conflict("cart " + cart.id() + " changed concurrently: expected version "
                    + expectedVersion + " but found " + stored.version());
        }
        stored.customerId().filter(customer -> activeByCustomer.get(customer).equals(Optional.of(cart.id())))
                .ifPresent(activeByCustomer::remove);
        index(cart);
        byId.put(cart.id(), cart);
    }

    private void index(Cart cart) {
        if (cart.isActive() && cart.customerId().isPresent()) {
            CustomerId customer = cart.customerId().get();
            if (activeByCustomer.contains(customer)) {
                throw new CommerceException(ErrorCode.CONFLICT, "customerId",
                        "customer " + customer + " already has an active cart", null);
            }
            activeByCustomer.put(customer, cart.id());
        }
    }
}
