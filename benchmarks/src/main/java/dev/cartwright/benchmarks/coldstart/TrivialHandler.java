package dev.cartwright.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * The cold start benchmark's baseline: a function over the same event types as the shop's
 * {@code HttpApiHandler} that answers every event with one constant response, so that what it costs to start is the
 * JVM, the runtime's serializer and the event classes, and nothing of a shop.
 */
public final class TrivialHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final APIGatewayV2HTTPResponse RESPONSE = APIGatewayV2HTTPResponse.builder()
            .withStatusCode(200)
            .withHeaders(Map.of("content-type", "application/json"))
            .withBody("{\"items\":[],\"next\":null}")
            .withIsBase64Encoded(false)
            .build();

    /** The runtime's constructor. */
    public TrivialHandler() {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return RESPONSE;
    }
}
