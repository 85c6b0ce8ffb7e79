package dev.cartwright.testkit;

import dev.cartwright.catalog.Sku;
import dev.cartwright.inventory.StockService;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forwards to a {@link StockService} over what behaves like a network: a test can have the next call of an
 * operation lose its answer (the service performed it, the caller sees a timeout) or never arrive (the caller sees
 * a timeout and the service saw nothing). Counts the calls that reached the service.
 */
final class UnreliableStockService implements StockService {

    /** The service's operations. */
    enum Operation { RESERVE, CONFIRM, RELEASE, RETURN }

    private enum Fault { ANSWER_LOST, NEVER_ARRIVES }

    private final StockService service;
    private final Map<Operation, Fault> next = new ConcurrentHashMap<>();
    private final Map<Operation, AtomicInteger> arrived = new ConcurrentHashMap<>();

    UnreliableStockService(StockService service) {
        this.service = service;
    }

    /** The next call of {@code operation} is performed, and its caller sees a timeout instead of the answer. */
    void loseTheNextAnswerOf(Operation operation) {
        next.put(operation, Fault.ANSWER_LOST);
    }

    /** The next call of {@code operation} times out before it reaches the service. */
    void dropTheNextCallOf(Operation operation) {
        next.put(operation, Fault.NEVER_ARRIVES);
    }

    /** @return how many calls of {@code operation} reached the service */
    int arrived(Operation operation) {
        return arrived.computeIfAbsent(operation, any -> new AtomicInteger()).get();
    }

    @Override
    public void reserve(String key, Map<Sku, Long> quantities, Instant until) {
        call(Operation.RESERVE, () -> service.reserve(key, quantities, until));
    }

    @Override
    public void confirm(String key, Collection<Sku> skus) {
        call(Operation.CONFIRM, () -> service.confirm(key, skus));
    }

    @Override
    public void release(String key, Collection<Sku> skus) {
        call(Operation.RELEASE, () -> service.release(key, skus));
    }

    @Override
    public void returnSold(String key, String returnId, Map<Sku, Long> units) {
        call(Operation.RETURN, () -> service.returnSold(key, returnId, units));
    }

    private void call(Operation operation, Runnable call) {
        Fault fault = next.remove(operation);
        if (fault == Fault.NEVER_ARRIVES) {
            throw timeout(operation);
        }
        arrived.computeIfAbsent(operation, any -> new AtomicInteger()).incrementAndGet();
        call.run();
        if (fault == Fault.ANSWER_LOST) {
            throw timeout(operation);
        }
    }

    private static UncheckedIOException timeout(Operation operation) {
        return new UncheckedIOException(new SocketTimeoutException("no answer to " + operation));
    }
}
