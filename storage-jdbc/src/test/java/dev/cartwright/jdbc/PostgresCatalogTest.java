package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CatalogContract;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(PostgresCatalogTest.NoNulInText.class)
class PostgresCatalogTest extends CatalogContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }

    /**
     * Skips the one contract test that stores U+0000, which PostgreSQL text cannot hold; there the store
     * answers VALIDATION instead, as {@link PostgresTextTest} checks.
     */
    static final class NoNulInText implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean storesNul = context.getTestMethod().map(Method::getName)
                    .filter("hostileStringsRoundTripExactly"::equals).isPresent();
            return storesNul
                    ? ConditionEvaluationResult.disabled("PostgreSQL text cannot hold U+0000: see PostgresTextTest")
                    : ConditionEvaluationResult.enabled("stores no U+0000");
        }
    }
}
