package dev.cartwright.examples.api;

import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartLine;
import dev.cartwright.catalog.Product;
import dev.cartwright.customer.Customer;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.money.Money;
import dev.cartwright.order.Address;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderLine;
import dev.cartwright.order.Shipment;
import dev.cartwright.pricing.LineTotal;
import dev.cartwright.pricing.Totals;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON bodies the monolith answers with, one record each. Amounts are JSON numbers in the currency's
 * units ({@code 12.50}), with the currency named once per object; ids are the strings the routes take back.
 */
final class Views {

    private Views() {
    }

    static BigDecimal amount(Money money) {
        return money.toDecimal();
    }

    /** A customer. */
    record User(String id, String email, String name) {
        static User of(Customer customer) {
            return new User(customer.id().toString(), customer.email().value(), customer.name());
        }
    }

    /** A new session; {@code cartId} is the customer's cart after merging a guest cart, if any. */
    record Session(String token, String expiresAt, String userId, String cartId) {
    }

    /** A product, with the units available to order. */
    record ProductView(String id, String sku, String name, String description, BigDecimal price, String currency,
            String taxClass, Set<String> categories, Map<String, String> attributes, String status, long available) {
        static ProductView of(Product product, StockLevel stock) {
            return new ProductView(product.id().toString(), product.sku().value(), product.name(), product.description(),
                    amount(product.price()), product.price().currency().getCurrencyCode(), product.taxClass(),
                    new TreeSet<>(product.categories()), new TreeMap<>(product.attributes()), product.status().name(),
                    stock.available());
        }
    }

    /** The stock of a product. */
    record Stock(String productId, String sku, long onHand, long reserved, long available, long sold) {
        static Stock of(Product product, StockLevel level) {
            return new Stock(product.id().toString(), level.sku().value(), level.onHand(), level.reserved(),
                    level.available(), level.sold());
        }
    }

    /** Sums of a cart or an order. */
    record TotalsView(BigDecimal subtotal, BigDecimal discountTotal, BigDecimal taxTotal, BigDecimal shipping,
            BigDecimal shippingTax, BigDecimal grandTotal, boolean pricesIncludeTax) {
        static TotalsView of(Totals totals) {
            return new TotalsView(amount(totals.subtotal()), amount(totals.discountTotal()), amount(totals.taxTotal()),
                    amount(totals.shipping()), amount(totals.shippingTax()), amount(totals.grandTotal()),
                    totals.pricesIncludeTax());
        }

        static TotalsView of(dev.cartwright.order.OrderTotals totals) {
            return new TotalsView(amount(totals.subtotal()), amount(totals.discountTotal()), amount(totals.taxTotal()),
                    amount(totals.shipping()), amount(totals.shippingTax()), amount(totals.grandTotal()),
                    totals.pricesIncludeTax());
        }
    }

    /** A line of a cart or an order. */
    record Line(String productId, String sku, String name, BigDecimal unitPrice, long quantity, BigDecimal subtotal,
            BigDecimal discount, BigDecimal tax, BigDecimal total) {
    }

    /** A promotion that took something off. */
    record Applied(String name, String code, BigDecimal amount) {
    }

    /** A cart as priced for a destination. */
    record CartView(String id, String userId, String currency, String status, List<Line> lines,
            List<String> promotionCodes, List<Applied> appliedPromotions, TotalsView totals) {
        static CartView of(Cart cart, Totals totals) {
            Map<String, LineTotal> priced = new TreeMap<>();
            totals.lines().forEach(line -> priced.put(line.sku().value(), line));
            List<Line> lines = cart.lines().stream().map(line -> line(line, priced.get(line.sku().value()))).toList();
            List<Applied> applied = totals.appliedPromotions().stream()
                    .map(promotion -> new Applied(promotion.name(), promotion.code().orElse(null),
                            amount(promotion.amount())))
                    .toList();
            return new CartView(cart.id().toString(), cart.customerId().map(Object::toString).orElse(null),
                    cart.currency().getCurrencyCode(), cart.status().name(), lines, cart.promotionCodes(), applied,
                    TotalsView.of(totals));
        }

        private static Line line(CartLine line, LineTotal total) {
            return new Line(line.productId().toString(), line.sku().value(), line.name(), amount(line.unitPrice()),
                    line.quantity(), amount(total.subtotal()), amount(total.discount()), amount(total.tax()),
                    amount(total.total()));
        }
    }

    /** A shipping address. */
    record AddressView(String name, String line1, String line2, String city, String postalCode, String country,
            String region) {
        static AddressView of(Address address) {
            return new AddressView(address.name(), address.line1(), address.line2(), address.city(),
                    address.postalCode(), address.country(), address.region().orElse(null));
        }
    }

    /** A shipment of an order. */
    record ShipmentView(Map<String, Long> quantities, String carrier, String trackingNumber, String shippedAt) {
        static ShipmentView of(Shipment shipment) {
            Map<String, Long> quantities = new TreeMap<>();
            shipment.quantities().forEach((sku, quantity) -> quantities.put(sku.value(), quantity));
            return new ShipmentView(quantities, shipment.carrier(), shipment.trackingNumber(),
                    shipment.shippedAt().toString());
        }
    }

    /** An order. */
    record OrderView(String id, String userId, String email, String currency, String status, String paymentStatus,
            String fulfillmentStatus, List<Line> lines, TotalsView totals, AddressView shippingAddress,
            String shippingOption, List<ShipmentView> shipments, String placedAt, String payBefore) {
        static OrderView of(Order order) {
            List<Line> lines = order.lines().stream().map(OrderView::line).toList();
            return new OrderView(order.id().toString(), order.customerId().map(Object::toString).orElse(null),
                    order.email().orElse(null), order.currency().getCurrencyCode(), order.status().name(),
                    order.paymentStatus().name(), order.fulfillmentStatus().name(), lines, TotalsView.of(order.totals()),
                    AddressView.of(order.shippingAddress()), order.shippingOptionId().orElse(null),
                    order.shipments().stream().map(ShipmentView::of).toList(), order.placedAt().toString(),
                    order.expiresAt().toString());
        }

        private static Line line(OrderLine line) {
            return new Line(line.productId().toString(), line.sku().value(), line.name(), amount(line.unitPrice()),
                    line.quantity(), amount(line.subtotal()), amount(line.discount()), amount(line.tax()),
                    amount(line.total()));
        }
    }
}
