package dev.cartwright.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.customer.Customer;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.memory.MemoryStore;
import dev.cartwright.money.Money;
import dev.cartwright.order.Address;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.Order;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a host tests its own code against Cartwright: a {@link Commerce} over {@link MemoryStore}, per test. */
class ReordersTest {

    private Commerce shop;
    private Reorders reorders;
    private Product mug;
    private Product tee;
    private Customer ada;

    @BeforeEach
    void setUp() {
        shop = Commerce.builder()
                .store(MemoryStore.create())
                .paymentGateway(new SimulatedPaymentGateway())
                .passwordIterations(1_000)
                .build();
        reorders = new Reorders(shop);
        mug = shop.catalog().create(NewProduct.of("MUG-1", "Mug", Money.of("12.50", "EUR")));
        tee = shop.catalog().create(NewProduct.of("TEE-1", "T-shirt", Money.of("19.90", "EUR")));
        shop.inventory().receive(mug.sku(), 10);
        shop.inventory().receive(tee.sku(), 10);
        ada = shop.accounts().register("ada@example.com", "correct horse battery", "Ada");
    }

    @Test
    void fillsTheCartWithAnEarlierOrder() {
        Order earlier = order(ada, 2, 1);

        Reorders.Result result = reorders.buyAgain(ada.id(), earlier.id());

        assertThat(result.skipped()).isEmpty();
        assertThat(result.cart().customerId()).contains(ada.id());
        assertThat(result.cart().lines()).extracting(line -> line.sku().value() + " x" + line.quantity())
                .containsExactlyInAnyOrder("MUG-1 x2", "TEE-1 x1");
    }

    @Test
    void skipsWhatIsNoLongerSoldAndTrimsToStock() {
        Order earlier = order(ada, 2, 1);
        shop.catalog().archive(tee.id());
        shop.inventory().adjust(mug.sku(), -7);

        Reorders.Result result = reorders.buyAgain(ada.id(), earlier.id());

        assertThat(result.skipped()).containsExactly("T-shirt");
        assertThat(result.cart().lines()).singleElement()
                .satisfies(line -> assertThat(line.quantity()).as("only one mug left").isEqualTo(1));
    }

    @Test
    void refusesAnotherCustomersOrder() {
        Order earlier = order(ada, 1, 0);
        Customer eve = shop.accounts().register("eve@example.com", "correct horse battery", "Eve");

        assertThatThrownBy(() -> reorders.buyAgain(eve.id(), earlier.id()))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    private Order order(Customer customer, long mugs, long tees) {
        Map<dev.cartwright.catalog.Sku, Long> quantities = new java.util.HashMap<>();
        quantities.put(mug.sku(), mugs);
        if (tees > 0) {
            quantities.put(tee.sku(), tees);
        }
        return shop.checkout().placeOrder(new DirectOrderRequest(quantities, List.of(), Optional.of(customer.id()),
                Optional.empty(), Address.of("Ada", "Street 1", "Berlin", "10115", "DE"), Optional.empty(),
                PaymentMethod.of(SimulatedPaymentGateway.VISA, "visa", "4242"), "order-" + mugs + "-" + tees));
    }
}
