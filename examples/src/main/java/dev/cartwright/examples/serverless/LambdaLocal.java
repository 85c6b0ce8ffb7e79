package dev.cartwright.examples.serverless;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code lambda-local EVENT.json [EVENT.json ...]}: runs the function on API Gateway event files, in order, through
 * one function instance (as one warm container would), and prints each response as JSON on its own line, as a local
 * invoke does. The events are read and the responses written by the serializers the Lambda Java runtime
 * uses ({@code aws-lambda-java-serialization}); an event with {@code "version": "2.0"} goes to {@link HttpApiHandler},
 * any other to {@link RestApiHandler}. The shop is configured from the environment as in the cloud
 * ({@link ServerlessShop}).
 */
public final class LambdaLocal {

    private static final Pattern VERSION_2 = Pattern.compile("\"version\"\\s*:\\s*\"2\\.0\"");

    private LambdaLocal() {
    }

    /**
     * @param args the event files, answered in order by one function instance
     */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: java -jar cartwright-examples.jar lambda-local EVENT.json [EVENT.json ...]");
            System.exit(2);
        }
        Supplier<HttpApiHandler> httpApi = once(HttpApiHandler::new);
        Supplier<RestApiHandler> restApi = once(RestApiHandler::new);
        for (String file : args) {
            try {
                System.out.println(invoke(Files.readString(Path.of(file), StandardCharsets.UTF_8), httpApi, restApi));
            } catch (IOException e) {
                System.err.println("cannot read " + file + ": " + e.getMessage());
                System.exit(2);
            }
        }
    }

    /** @return a supplier that creates the function the first time it is asked, and hands out that one after */
    private static <T> Supplier<T> once(Supplier<T> create) {
        return new Supplier<>() {
            private T function;

            @Override
            public T get() {
                if (function == null) {
                    function = create.get();
                }
                return function;
            }
        };
    }

    /**
     * Invokes the container's function on one event.
     *
     * @param event the event's JSON, in either payload version
     * @return the response's JSON
     */
    public static String invoke(String event) {
        return invoke(event, HttpApiHandler::new, RestApiHandler::new);
    }

    /**
     * Invokes a function on one event, as the runtime would: read by its serializer, answered, written back.
     *
     * @param event the event's JSON, in either payload version
     * @param httpApi the function for payload 2.0, asked for only if the event is one
     * @param restApi the function for payload 1.0, asked for only if the event is one
     * @return the response's JSON
     */
    static String invoke(String event, Supplier<HttpApiHandler> httpApi, Supplier<RestApiHandler> restApi) {
        return VERSION_2.matcher(event).find()
                ? call(event, APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class,
                        input -> httpApi.get().handleRequest(input, new LocalContext()))
                : call(event, APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class,
                        input -> restApi.get().handleRequest(input, new LocalContext()));
    }

    private static <I, O> String call(String event, Class<I> in, Class<O> out, Function<I, O> handler) {
        PojoSerializer<I> reader = LambdaEventSerializers.serializerFor(in, LambdaLocal.class.getClassLoader());
        PojoSerializer<O> writer = LambdaEventSerializers.serializerFor(out, LambdaLocal.class.getClassLoader());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        writer.toJson(handler.apply(reader.fromJson(event)), json);
        return json.toString(StandardCharsets.UTF_8);
    }
}
