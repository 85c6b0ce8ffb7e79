package dev.cartwright.examples.serverless;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cartwright.examples.api.Exchange;
import dev.cartwright.examples.api.ShopApi;

/**
 * The shop as an AWS Lambda function behind an API Gateway HTTP API (payload format 2.0). Handler:
 * {@code dev.cartwright.examples.serverless.HttpApiHandler::handleRequest}. The shop is built when the runtime
 * creates the handler, in the function's init phase, and serves every event of the container
 * ({@link ServerlessShop} says how it is configured).
 */
public final class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ShopApi api;

    /** The runtime's constructor: the container's shop. */
    public HttpApiHandler() {
        this(ServerlessShop.api());
    }

    /** @param api the shop to serve */
    HttpApiHandler(ShopApi api) {
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Exchange exchange;
        try {
            exchange = Events.exchange(event);
        } catch (Events.Malformed e) {
            return Events.v2(Events.malformed(e, Events.requestId(event)));
        }
        // API Gateway answers HTTPS only, so every event came over TLS.
        api.handle(exchange.secure(true));
        return Events.v2(exchange);
    }
}
