package dev.cartwright.examples.serverless;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.cartwright.Commerce;
import dev.cartwright.SweepReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's sweeps ({@link Commerce#runSweeps()}: recovery of checkouts a crash interrupted, expiry of unpaid
 * orders with their stock released, event redelivery, session purging) as an AWS Lambda function that an EventBridge
 * schedule invokes, say every minute. Handler: {@code dev.cartwright.examples.serverless.SweepHandler::handleRequest},
 * in the same zip and with the same environment as the API's function, so over the same database ({@code
 * DATABASE_URL}; over a container's in-memory store it would sweep a shop no request sees). Lambda keeps no thread
 * running between invocations, so this is how a serverless shop runs its sweeps; a round that overlaps another
 * container's is safe. A failing sweep is logged and listed in the answer, and the next invocation tries it again.
 */
public final class SweepHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(SweepHandler.class);

    private final Commerce shop;

    /** The runtime's constructor: the container's shop. */
    public SweepHandler() {
        this(ServerlessShop.shop());
    }

    /** @param shop the shop to sweep */
    SweepHandler(Commerce shop) {
        this.shop = shop;
    }

    /**
     * Runs every sweep once.
     *
     * @param event the schedule's event (its content is not used)
     * @param context the invocation
     * @return what each sweep did, and the names of those that failed
     */
    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        SweepReport report = shop.runSweeps();
        LOG.info("sweeps: {}", report);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("checkoutsRecovered", report.checkoutsRecovered());
        answer.put("unpaidOrdersExpired", report.unpaidOrdersExpired());
        answer.put("eventsDelivered", report.eventsDelivered());
        answer.put("sessionsPurged", report.sessionsPurged());
        answer.put("failed", List.copyOf(report.failures().keySet()));
        return answer;
    }
}
