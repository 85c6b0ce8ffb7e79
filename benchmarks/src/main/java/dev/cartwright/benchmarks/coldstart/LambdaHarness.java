package dev.cartwright.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the Lambda Java runtime does with a function, in a fresh JVM of its own: reads one payload 2.0 event with the
 * runtime's serializer ({@code aws-lambda-java-serialization}), constructs the handler class by reflection (the
 * function's init phase), calls {@code handleRequest} with a local context and writes the response with the
 * serializer. Run by the {@code coldstart} benchmark as
 * {@code LambdaHarness HANDLER_CLASS EVENT.json WARM_INVOCATIONS}, on the function's class path plus the serializer
 * and this package only, so it loads nothing else of the benchmarks.
 *
 * <p>It prints, one per line: {@code RESPONSE <json>} as soon as the first response is written (the parent stops its
 * clock there), then {@code CONSTRUCTED_MS} (JVM start to the handler's constructor returning: the init phase's end),
 * {@code UPTIME_MS} (JVM start to that response, by the JVM's own start time), {@code RSS_KB}
 * (VmRSS from {@code /proc/self/status} after the first event, -1 where there is none), {@code HEAP_USED} and
 * {@code NON_HEAP_USED} (bytes, {@code MemoryMXBean}); and with {@code WARM_INVOCATIONS} above 0, that many more
 * invocations of the same event and {@code WARM_MEDIAN_NS}, the median of each one's read, handle and write.
 */
public final class LambdaHarness {

    /** The first word of the response line, which the parent waits for. */
    public static final String RESPONSE = "RESPONSE ";

    private LambdaHarness() {
    }

    /**
     * @param args the handler's class name, the event file, how many warm invocations follow the first
     * @throws Exception whatever the handler or the runtime's serializer throws
     */
    public static void main(String[] args) throws Exception {
        String event = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        int warmInvocations = Integer.parseInt(args[2]);
        ClassLoader loader = LambdaHarness.class.getClassLoader();
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0], true, loader)
                        .getConstructor().newInstance();
        long constructedAt = System.currentTimeMillis();
        PojoSerializer<APIGatewayV2HTTPEvent> reader =
                LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader);
        PojoSerializer<APIGatewayV2HTTPResponse> writer =
                LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader);

        byte[] response = invoke(handler, reader, writer, event);
        PrintStream out = System.out;
        out.print(RESPONSE);
        out.write(response);
        out.println();
        out.flush();
        long respondedAt = System.currentTimeMillis();

        // Everything below runs after the parent has stopped its clock.
        long startedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
        out.println("CONSTRUCTED_MS " + (constructedAt - startedAt));
        out.println("UPTIME_MS " + (respondedAt - startedAt));
        out.println("RSS_KB " + residentKilobytes());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        out.println("HEAP_USED " + memory.getHeapMemoryUsage().getUsed());
        out.println("NON_HEAP_USED " + memory.getNonHeapMemoryUsage().getUsed());
        if (warmInvocations > 0) {
            long[] nanos = new long[warmInvocations];
            for (int i = 0; i < warmInvocations; i++) {
                long start = System.nanoTime();
                invoke(handler, reader, writer, event);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            out.println("WARM_MEDIAN_NS " + nanos[warmInvocations / 2]);
        }
        out.flush();
    }

    private static byte[] invoke(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            PojoSerializer<APIGatewayV2HTTPEvent> reader, PojoSerializer<APIGatewayV2HTTPResponse> writer,
            String event) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        writer.toJson(handler.handleRequest(reader.fromJson(event), new HarnessContext()), json);
        return json.toByteArray();
    }

    private static long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // no procfs: reported as unknown
        }
        return -1;
    }
}
