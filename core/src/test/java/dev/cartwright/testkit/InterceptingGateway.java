package dev.cartwright.testkit;

import dev.cartwright.payment.AuthorizationRequest;
import dev.cartwright.payment.CaptureRequest;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.PaymentGateway;
import dev.cartwright.payment.RefundRequest;
import dev.cartwright.payment.VoidRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Forwards to another gateway and lets a test act just before a call reaches it (to hold it until the test
 * releases it, say), just after a call was answered (the delegate performed it, the caller has not yet seen the
 * answer), or answer a call itself instead of the delegate.
 */
final class InterceptingGateway implements PaymentGateway {

    /** The calls a test can intercept. */
    enum Operation { AUTHORIZE, CAPTURE, VOID, REFUND }

    private final PaymentGateway delegate;
    private final Map<Operation, Runnable> before = new ConcurrentHashMap<>();
    private final Map<Operation, Supplier<GatewayResult>> answers = new ConcurrentHashMap<>();
    private final Map<Operation, Consumer<GatewayResult>> after = new ConcurrentHashMap<>();
    private volatile BiConsumer<AuthorizationRequest, GatewayResult> afterAuthorize = (request, result) -> { };
    private volatile Runnable beforeLookup = () -> { };

    InterceptingGateway(PaymentGateway delegate) {
        this.delegate = delegate;
    }

    /** @param action what to run when an authorization arrives, before the delegate sees it */
    void beforeAuthorize(Runnable action) {
        before(Operation.AUTHORIZE, action);
    }

    /**
     * @param operation a kind of call
     * @param action what to run when such a call arrives, before the delegate sees it
     */
    void before(Operation operation, Runnable action) {
        before.put(operation, action);
    }

    /**
     * @param operation a kind of call
     * @param answer what to answer such calls with; the delegate never sees them
     */
    void answer(Operation operation, Supplier<GatewayResult> answer) {
        answers.put(operation, answer);
    }

    /**
     * @param operation a kind of call
     * @param action what to run once such a call was answered (performed, if the delegate answered it), before
     *     the caller sees the answer; not run for a call that threw
     */
    void after(Operation operation, Consumer<GatewayResult> action) {
        after.put(operation, action);
    }

    /** Lets every call reach the delegate again. */
    void forwardAll() {
        answers.clear();
    }

    /** @param action what to run after the delegate answered, before checkout records the answer */
    void afterAuthorize(BiConsumer<AuthorizationRequest, GatewayResult> action) {
        afterAuthorize = action;
    }

    /** @param action what to run when a lookup arrives, before the delegate sees it (it may throw instead) */
    void beforeLookup(Runnable action) {
        beforeLookup = action;
    }

    @Override
    public GatewayResult authorize(AuthorizationRequest request) {
        GatewayResult result = call(Operation.AUTHORIZE, () -> delegate.authorize(request));
        afterAuthorize.accept(request, result);
        return result;
    }

    @Override
    public GatewayResult capture(CaptureRequest request) {
        return call(Operation.CAPTURE, () -> delegate.capture(request));
    }

    @Override
    public GatewayResult voidAuthorization(VoidRequest request) {
        return call(Operation.VOID, () -> delegate.voidAuthorization(request));
    }

    @Override
    public GatewayResult refund(RefundRequest request) {
        return call(Operation.REFUND, () -> delegate.refund(request));
    }

    @Override
    public Optional<GatewayResult> lookup(String idempotencyKey) {
        beforeLookup.run();
        return delegate.lookup(idempotencyKey);
    }

    private GatewayResult call(Operation operation, Supplier<GatewayResult> forward) {
        before.getOrDefault(operation, () -> { }).run();
        GatewayResult result = answers.getOrDefault(operation, forward).get();
        after.getOrDefault(operation, answered -> { }).accept(result);
        return result;
    }
}
