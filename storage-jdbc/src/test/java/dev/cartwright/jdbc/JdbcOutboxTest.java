package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.event.OutboxEntry;
import dev.cartwright.event.ParkedEvent;
import dev.cartwright.event.RetrySchedule;
import dev.cartwright.event.UnreadableEvent;
import dev.cartwright.order.OrderCancelled;
import dev.cartwright.order.OrderId;
import dev.cartwright.testkit.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The outbox's handling of entries it cannot read, on H2. */
class JdbcOutboxTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void anUnreadableEntryReachesNoListenerAndIsRetriedThenParkedWhileTheOthersAreDelivered() throws SQLException {
        DataSource dataSource = TestDatabases.freshH2();
        JdbcStore store = JdbcStore.create(dataSource);
        OrderCancelled first = new OrderCancelled(new OrderId(UUID.randomUUID()), "system", AT);
        OrderCancelled last = new OrderCancelled(new OrderId(UUID.randomUUID()), "staff:alice", AT);
        store.inTransaction(transaction -> {
            transaction.outbox().append(first, AT);
            return null;
        });
        execute(dataSource, "INSERT INTO outbox (event_type, payload, attempts, appended_at)"
                + " VALUES ('com.example.GoneEvent', '{}', 0, 0)");
        execute(dataSource, "INSERT INTO outbox (event_type, payload, attempts, appended_at)"
                + " VALUES ('dev.cartwright.order.OrderCancelled', '{\"orderId\":', 0, 0)");
        execute(dataSource, "INSERT INTO outbox (event_type, payload, attempts, appended_at)"
                + " VALUES ('java.lang.String', '{}', 0, 0)");
        store.inTransaction(transaction -> {
            transaction.outbox().append(last, AT);
            return null;
        });

        List<OutboxEntry> due = store.inTransaction(transaction -> transaction.outbox().findDue(AT, 10));
        assertThat(due).extracting(OutboxEntry::event).hasSize(5).startsWith(first).endsWith(last);
        assertThat(due.subList(1, 4)).extracting(entry -> ((UnreadableEvent) entry.event()).eventType())
                .containsExactly("com.example.GoneEvent", "dev.cartwright.order.OrderCancelled", "java.lang.String");

        MutableClock clock = new MutableClock(AT);
        List<CommerceEvent> received = new ArrayList<>();
        Commerce commerce = Commerce.builder().store(store).clock(clock).eventListener(received::add)
                .eventRetrySchedule(RetrySchedule.DEFAULT.withMaxAttempts(2)).build();
        assertThat(commerce.deliverEvents()).isEqualTo(2);
        assertThat(received).containsExactly(first, last);
        assertThat(attempts(dataSource)).containsExactly(1, 1, 1);

        clock.advance(RetrySchedule.DEFAULT.delayAfter(1));
        assertThat(commerce.deliverEvents()).isZero();
        assertThat(received).hasSize(2);
        List<ParkedEvent> parked = commerce.parkedEvents().list(10).events();
        assertThat(parked).extracting(entry -> ((UnreadableEvent) entry.event()).eventType())
                .containsExactly("com.example.GoneEvent", "dev.cartwright.order.OrderCancelled", "java.lang.String");
        assertThat(parked).allSatisfy(entry -> {
            assertThat(entry.attempts()).isEqualTo(2);
            assertThat(entry.lastError()).startsWith("cannot be read: ");
        });
    }

    @Test
    void anEventIsAppendedOnlyIfItsTransactionCommits() {
        JdbcStore store = TestDatabases.freshH2Store();
        OrderCancelled event = new OrderCancelled(new OrderId(UUID.randomUUID()), "system", AT);
        try {
            store.inTransaction(transaction -> {
                transaction.outbox().append(event, AT);
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the append goes with it
        }
        List<OutboxEntry> undelivered = store.inTransaction(transaction -> transaction.outbox().findDue(AT, 10));
        assertThat(undelivered).isEmpty();
    }

    private static List<Integer> attempts(DataSource dataSource) throws SQLException {
        List<Integer> attempts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT attempts FROM outbox ORDER BY seq")) {
            while (rows.next()) {
                attempts.add(rows.getInt(1));
            }
        }
        return attempts;
    }

    private static void execute(DataSource dataSource, String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
