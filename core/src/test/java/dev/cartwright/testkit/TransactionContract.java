package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.ProductStatus;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link dev.cartwright.CommerceStore} promises about its transactions, whatever the
 * contexts: work that returns is committed, work that throws leaves no trace and its exception
 * reaches the caller unchanged. {@code read} sees what committed transactions wrote, and does not nest in a
 * transaction any more than a transaction does.
 */
public abstract class TransactionContract extends StoreContract {

    @Test
    void workThatThrowsLeavesNoTraceInAnyRepository() {
        Product existing = commerce.catalog().create(NewProduct.of("KEPT-1", "Kept", Money.of("1.00", "EUR")));
        commerce.inventory().receive(existing.sku(), 5);
        CommerceException failure = new CommerceException(ErrorCode.CONFLICT, "the work changed its mind");

        assertThatThrownBy(() -> store.inTransaction(transaction -> {
            transaction.products().insert(product("GONE-1"));
            transaction.stock().receive(Sku.of("GONE-1"), 7);
            transaction.stock().receive(existing.sku(), 3);
            throw failure;
        })).isSameAs(failure);

        assertThat(commerce.catalog().findBySku(Sku.of("GONE-1"))).isEmpty();
        assertThat(commerce.inventory().level(existing.sku()).onHand()).isEqualTo(5);
    }

    @Test
    void anUncheckedExceptionOfAnyKindAlsoRollsBack() {
        IllegalStateException failure = new IllegalStateException("host code failed");

        assertThatThrownBy(() -> store.inTransaction(transaction -> {
            transaction.products().insert(product("GONE-2"));
            throw failure;
        })).isSameAs(failure);

        assertThat(commerce.catalog().findBySku(Sku.of("GONE-2"))).isEmpty();
    }

    @Test
    void workThatReturnsIsCommittedAndItsResultReturned() {
        Product inserted = store.inTransaction(transaction -> {
            Product product = product("KEPT-2");
            transaction.products().insert(product);
            transaction.stock().receive(product.sku(), 4);
            return product;
        });

        assertThat(commerce.catalog().get(inserted.id())).isEqualTo(inserted);
        assertThat(commerce.inventory().level(inserted.sku()).onHand()).isEqualTo(4);
    }

    @Test
    void aTransactionSeesWhatItWroteBeforeItCommits() {
        Payment started = payment("seen-1");
        Payment approved = started.recordApproval(new GatewayResult.Approved("gw-1", started.amount()), false,
                clock.instant());

        Payment seen = store.inTransaction(transaction -> {
            transaction.payments().insert(started);
            assertThat(transaction.payments().findById(started.id())).contains(started);
            transaction.payments().update(approved, started.version());
            return transaction.payments().findById(started.id()).orElseThrow();
        });

        assertThat(seen).isEqualTo(approved);
        assertThat(stored(started)).contains(approved);
    }

    @Test
    void aDuplicateKeyFoundOnlyAtTheCommitStillFailsTheWholeTransaction() {
        Payment first = payment("same-key");
        Payment second = payment("same-key");

        CommerceException failure = catchThrowableOfType(CommerceException.class,
                () -> store.inTransaction(transaction -> {
                    transaction.payments().insert(first);
                    transaction.payments().insert(second);
                    return null;
                }));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.field()).contains("idempotencyKey");
        assertThat(stored(first)).isEmpty();
        assertThat(stored(second)).isEmpty();
    }

    @Test
    void aStaleUpdateFoundOnlyAtTheCommitFailsTheWholeTransaction() {
        Payment started = payment("stale-1");
        store.inTransaction(transaction -> {
            transaction.payments().insert(started);
            return null;
        });
        Payment approved = started.recordApproval(new GatewayResult.Approved("gw-2", started.amount()), false,
                clock.instant());
        Product other = product("STALE-OTHER");

        CommerceException failure = catchThrowableOfType(CommerceException.class,
                () -> store.inTransaction(transaction -> {
                    transaction.products().insert(other);
                    transaction.payments().update(approved, started.version() - 1);
                    return null;
                }));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(commerce.catalog().findBySku(other.sku())).isEmpty();
        assertThat(stored(started)).contains(started);
    }

    private java.util.Optional<Payment> stored(Payment payment) {
        return store.read(transaction -> transaction.payments().findById(payment.id()));
    }

    private Payment payment(String key) {
        return Payment.start(new PaymentId(UUID.randomUUID()), "order-" + key, Money.of("12.34", "EUR"),
                PaymentMethod.of(SimulatedPaymentGateway.VISA, "visa", "4242"), key, clock.instant());
    }

    @Test
    void aServiceCallThatFailsPartWayChangesNothing() {
        commerce.catalog().create(NewProduct.of("TAKEN-1", "Taken", Money.of("1.00", "EUR")));

        assertThatThrownBy(() -> store.inTransaction(transaction -> {
            transaction.products().insert(product("FIRST-1"));
            transaction.products().insert(product("TAKEN-1"));
            return null;
        })).isInstanceOfSatisfying(CommerceException.class,
                exception -> assertThat(exception.code()).isEqualTo(ErrorCode.CONFLICT));

        assertThat(commerce.catalog().findBySku(Sku.of("FIRST-1"))).isEmpty();
    }

    @Test
    void aReadSeesWhatACommittedTransactionWrote() {
        Product inserted = store.inTransaction(transaction -> {
            Product product = product("READ-1");
            transaction.products().insert(product);
            transaction.stock().receive(product.sku(), 6);
            return product;
        });

        Product read = store.read(transaction -> transaction.products().findById(inserted.id()).orElseThrow());
        long onHand = store.read(transaction -> transaction.stock().level(inserted.sku(), clock.instant())
                .orElseThrow().onHand());

        assertThat(read).isEqualTo(inserted);
        assertThat(onHand).isEqualTo(6);
        assertThat(commerce.catalog().get(inserted.id())).isEqualTo(inserted);
    }

    @Test
    void anExceptionOfAReadReachesTheCallerUnchanged() {
        IllegalStateException failure = new IllegalStateException("host code failed");

        assertThatThrownBy(() -> store.read(transaction -> {
            transaction.products().findBySku(Sku.of("NONE-1"));
            throw failure;
        })).isSameAs(failure);
    }

    @Test
    void aReadInsideAnOpenTransactionFailsAsANestedTransactionDoes() {
        Throwable nested = catchThrowable(() -> store.inTransaction(outer -> store.inTransaction(inner -> "nested")));
        Throwable readInside = catchThrowable(() -> store.inTransaction(outer -> store.read(inner -> "read")));
        Throwable transactionInsideRead = catchThrowable(() -> store.read(outer -> store.inTransaction(inner -> "tx")));

        assertThat(nested).as("a transaction inside a transaction").isNotNull();
        assertThat(readInside).as("a read inside a transaction").isExactlyInstanceOf(nested.getClass());
        assertThat(transactionInsideRead).as("a transaction inside a read").isExactlyInstanceOf(nested.getClass());
        String afterwards = store.read(transaction -> "still usable");
        assertThat(afterwards).isEqualTo("still usable");
    }

    private Product product(String sku) {
        return new Product(new ProductId(UUID.randomUUID()), Sku.of(sku), "Product " + sku, "",
                Money.of("2.50", "EUR"), "standard", Set.of(), Map.of(), ProductStatus.ACTIVE, 0,
                clock.instant(), clock.instant());
    }
}
