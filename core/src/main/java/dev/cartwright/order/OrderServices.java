package dev.cartwright.order;

import dev.cartwright.inventory.StockService;
import dev.cartwright.payment.PaymentGateway;
import dev.cartwright.pricing.PriceCalculator;
import dev.cartwright.pricing.ShippingOptions;
import dev.cartwright.pricing.TaxPolicy;
import dev.cartwright.store.IdGenerator;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;

/**
 * The order context's three services, wired over one set of transactions: {@link Checkout} for shoppers,
 * {@link Orders} for customers' own orders and {@link BackOffice} for staff. Thread-safe.
 *
 * @param checkout placing and paying orders
 * @param orders customers' view of their orders
 * @param backOffice staff operations
 */
public record OrderServices(Checkout checkout, Orders orders, BackOffice backOffice) {

    /**
     * Wires the services with the stock kept in the orders' own store.
     *
     * @param transactions the transactions to run in
     * @param gateway the payment gateway; {@code null} if none is configured (payment operations then fail
     *     with {@link IllegalStateException})
     * @param clock the time source
     * @param ids how orders, payments and reservations are named
     * @param calculator prices orders
     * @param taxPolicy the tax rates
     * @param shippingOptions the ways to ship
     * @param settings the payment window and capture mode
     * @param afterCommit run after each committing call, to deliver the events it published (such as
     *     {@link dev.cartwright.event.EventDelivery#deliver()}); its failures are logged, never thrown
     * @return the services
     */
    public static OrderServices create(UnitOfWork<CheckoutRepositories> transactions, PaymentGateway gateway,
            Clock clock, IdGenerator ids, PriceCalculator calculator, TaxPolicy taxPolicy,
            ShippingOptions shippingOptions, CheckoutSettings settings, Runnable afterCommit) {
        return create(transactions, gateway, clock, ids, calculator, taxPolicy, shippingOptions, settings,
                afterCommit, null);
    }

    /**
     * Wires the services, with the stock kept where {@code stockService} says.
     *
     * @param transactions the transactions to run in
     * @param gateway the payment gateway; {@code null} if none is configured (payment operations then fail
     *     with {@link IllegalStateException})
     * @param clock the time source
     * @param ids how orders, payments and reservations are named
     * @param calculator prices orders
     * @param taxPolicy the tax rates
     * @param shippingOptions the ways to ship
     * @param settings the payment window and capture mode
     * @param afterCommit run after each committing call, to deliver the events it published (such as
     *     {@link dev.cartwright.event.EventDelivery#deliver()}); its failures are logged, never thrown
     * @param stockService the service that keeps the stock orders take (see ARCHITECTURE.md, "Stock kept
     *     elsewhere"), or {@code null} to sell it in the orders' own store, in the transaction that places each
     *     order
     * @return the services
     */
    public static OrderServices create(UnitOfWork<CheckoutRepositories> transactions, PaymentGateway gateway,
            Clock clock, IdGenerator ids, PriceCalculator calculator, TaxPolicy taxPolicy,
            ShippingOptions shippingOptions, CheckoutSettings settings, Runnable afterCommit,
            StockService stockService) {
        OrderSupport support = new OrderSupport(transactions, gateway, clock, ids, settings, afterCommit,
                OrderStock.of(stockService, settings.lowStockThreshold()));
        MoneyMovement movement = new MoneyMovement(support);
        PaymentSettlement settlement = new PaymentSettlement(support, new LateAnswers(support, movement));
        OrderPlacement placement = new OrderPlacement(support, settlement, calculator, taxPolicy, shippingOptions);
        Cancellation cancellation = new Cancellation(support, movement);
        Recovery recovery = new Recovery(support, settlement, cancellation);
        UnpaidExpiry expiry = new UnpaidExpiry(support, recovery);
        return new OrderServices(new Checkout(support, placement, settlement, expiry, recovery),
                new Orders(support, cancellation),
                new BackOffice(support, new CapturesAndRefunds(support, movement), cancellation));
    }
}
