package dev.cartwright.examples.monolith;

import dev.cartwright.examples.api.ApiClient;
import dev.cartwright.examples.api.ApiErrorsContract;
import dev.cartwright.examples.api.ApiHost;
import org.junit.jupiter.api.Test;

/**
 * The API's error answers over the monolith, and those only it can give: the JDK server under
 * {@code serverless-local} answers a path starting {@code //} or a broken percent escape itself, before the
 * function sees it (the function's own answer to a broken escape in an event is a 400 problem too).
 */
class MonolithErrorsTest extends ApiErrorsContract {

    @Override
    protected ApiHost startHost() {
        return MonolithHost.start();
    }

    @Test
    void pathsAndQueriesTheJdkServerRefusesAreProblemsToo() {
        try (ApiClient shop = new ApiClient(MonolithHost.start())) {
            shop.get("//products").send().problem(404, "NOT_FOUND");
            shop.getVerbatim("/products?q=%ZZ").problem(400, "VALIDATION");
            shop.getVerbatim("/products?%ZZ=mug").problem(400, "VALIDATION");
            shop.getVerbatim("/products/%ZZ").problem(400, "VALIDATION");
        }
    }
}
