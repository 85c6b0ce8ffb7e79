package dev.cartwright.testkit;

import dev.cartwright.payment.AuthorizationRequest;
import dev.cartwright.payment.CaptureRequest;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.PaymentGateway;
import dev.cartwright.payment.RefundRequest;
import dev.cartwright.payment.VoidRequest;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Forwards to another gateway and lets a test act just before and just after an authorization. */
final class InterceptingGateway implements PaymentGateway {

    private final PaymentGateway delegate;
    private volatile Runnable beforeAuthorize = () -> { };
    private volatile BiConsumer<AuthorizationRequest, GatewayResult> afterAuthorize = (request, result) -> { };

    InterceptingGateway(PaymentGateway delegate) {
        this.delegate = delegate;
    }

    /** @param action what to run when an authorization arrives, before the delegate sees it */
    void beforeAuthorize(Runnable action) {
        beforeAuthorize = action;
    }

    /** @param action what to run after the delegate answered, before checkout records the answer */
    void afterAuthorize(BiConsumer<AuthorizationRequest, GatewayResult> action) {
        afterAuthorize = action;
    }

    @Override
    public GatewayResult authorize(AuthorizationRequest request) {
        beforeAuthorize.run();
        GatewayResult result = delegate.authorize(request);
        afterAuthorize.accept(request, result);
        return result;
    }

    @Override
    public GatewayResult capture(CaptureRequest request) {
        return delegate.capture(request);
    }

    @Override
    public GatewayResult voidAuthorization(VoidRequest request) {
        return delegate.voidAuthorization(request);
    }

    @Override
    public GatewayResult refund(RefundRequest request) {
        return delegate.refund(request);
    }

    @Override
    public Optional<GatewayResult> lookup(String idempotencyKey) {
        return delegate.lookup(idempotencyKey);
    }
}
