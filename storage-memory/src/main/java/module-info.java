/**
 * Every Cartwright port in memory, for tests and demos.
 */
module dev.cartwright.storage.memory {
    requires transitive dev.cartwright.core;

    exports dev.cartwright.memory;
}
