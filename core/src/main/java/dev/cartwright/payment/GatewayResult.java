package dev.cartwright.payment;

import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;

/**
 * The definite answer of a {@link PaymentGateway} to one operation: approved or declined. A decline
 * is an expected outcome that the caller branches on, not an exception; an unknown outcome is a
 * {@link PaymentGatewayException}.
 */
public sealed interface GatewayResult permits GatewayResult.Approved, GatewayResult.Declined {

    /** @return whether the operation was performed */
    boolean isApproved();

    /**
     * The operation was performed.
     *
     * @param gatewayPaymentId the gateway's id of the payment it concerns
     * @param amount what the operation moved: authorized (and captured, if asked), captured or
     *     refunded; zero for a void
     */
    record Approved(String gatewayPaymentId, Money amount) implements GatewayResult {

        /** Validates. */
        public Approved {
            PaymentChecks.text(gatewayPaymentId, "gatewayPaymentId");
            Validate.notNull(amount, "amount");
            Validate.notNegative(amount.minorUnits(), "amount");
        }

        @Override
        public boolean isApproved() {
            return true;
        }
    }

    /**
     * The operation was refused and nothing moved.
     *
     * @param reason why
     * @param message the gateway's explanation, possibly empty
     */
    record Declined(DeclineReason reason, String message) implements GatewayResult {

        /** Validates. */
        public Declined {
            Validate.notNull(reason, "reason");
            Validate.notNull(message, "message");
        }

        @Override
        public boolean isApproved() {
            return false;
        }
    }
}
