package dev.cartwright.examples.serverless;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.cartwright.examples.api.Exchange;
import dev.cartwright.examples.api.ShopApi;

/**
 * The shop as an AWS Lambda function behind an API Gateway REST API (proxy integration, payload format 1.0). Handler:
 * {@code dev.cartwright.examples.serverless.RestApiHandler::handleRequest}. The shop is built when the runtime
 * creates the handler, in the function's init phase, and serves every event of the container
 * ({@link ServerlessShop} says how it is configured).
 */
public final class RestApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final ShopApi api;

    /** The runtime's constructor: the container's shop. */
    public RestApiHandler() {
        this(ServerlessShop.api());
    }

    /** @param api the shop to serve */
    RestApiHandler(ShopApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        Exchange exchange;
        try {
            exchange = Events.exchange(event);
        } catch (Events.Malformed e) {
            return Events.v1(Events.malformed(e, Events.requestId(event)));
        }
        // API Gateway answers HTTPS only, so every event came over TLS.
        api.handle(exchange.secure(true));
        return Events.v1(exchange);
    }
}
