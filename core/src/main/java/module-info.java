/**
 * Cartwright's domain: services, model and ports for an online shop's backend.
 */
module dev.cartwright.core {
    requires org.slf4j;

    exports dev.cartwright;
    exports dev.cartwright.cart;
    exports dev.cartwright.catalog;
    exports dev.cartwright.customer;
    exports dev.cartwright.error;
    exports dev.cartwright.event;
    exports dev.cartwright.inventory;
    exports dev.cartwright.money;
    exports dev.cartwright.order;
    exports dev.cartwright.pricing;
    exports dev.cartwright.payment;
    exports dev.cartwright.store;
}
