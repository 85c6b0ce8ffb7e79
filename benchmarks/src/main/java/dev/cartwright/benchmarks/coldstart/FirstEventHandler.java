package dev.cartwright.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * The shop's {@code HttpApiHandler} built on the first event instead of in the function's init phase: its own
 * constructor does nothing, and its first {@code handleRequest} constructs the shop's handler (which builds the shop)
 * before it answers, so the cold start benchmark can set building in the init phase against building on the first
 * event. Loaded by name, from the function's class path, as the runtime loads a handler. Not thread-safe, as the
 * runtime needs none: a container hands its function one event at a time.
 */
public final class FirstEventHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** The handler that is built on the first event. */
    public static final String SHOP_HANDLER = "dev.cartwright.examples.serverless.HttpApiHandler";

    private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> shop;

    /** The runtime's constructor: builds nothing. */
    public FirstEventHandler() {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (shop == null) {
            shop = construct();
        }
        return shop.handleRequest(event, context);
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> construct() {
        try {
            return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class
                    .forName(SHOP_HANDLER, true, FirstEventHandler.class.getClassLoader())
                    .getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + SHOP_HANDLER, e);
        }
    }
}
