package dev.cartwright.memory;

/** The long-lived repositories of a {@link MemoryStore}, whose tables share one journal. */
final class MemoryRepositories {

    final MemoryProductRepository products;
    final MemoryPromotionRepository promotions;
    final MemoryCartRepository carts;
    final MemoryCustomerRepository customers;
    final MemorySessionRepository sessions;
    final MemoryPaymentRepository payments;
    final MemoryStockRepository stock;
    final MemoryOrderRepository orders;
    final MemoryOutbox outbox;

    MemoryRepositories(Journal journal) {
        products = new MemoryProductRepository(journal);
        promotions = new MemoryPromotionRepository(journal);
        carts = new MemoryCartRepository(journal);
        customers = new MemoryCustomerRepository(journal);
        sessions = new MemorySessionRepository(journal);
        payments = new MemoryPaymentRepository(journal);
        stock = new MemoryStockRepository(journal);
        orders = new MemoryOrderRepository(journal);
        outbox = new MemoryOutbox(journal);
    }
}
