package dev.cartwright.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddedDatabasesTest {

    @Test
    void anEmbeddedH2UrlIsLeftForTheHostToClose() {
        assertThat(EmbeddedDatabases.closedByTheHost("jdbc:h2:file:/tmp/shop;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:/tmp/shop;MODE=PostgreSQL;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(EmbeddedDatabases.closedByTheHost("jdbc:h2:./data/shop")).endsWith(";DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void whatTheUrlAlreadySaysAndOtherDatabasesAreKept() {
        assertThat(EmbeddedDatabases.closedByTheHost("jdbc:h2:file:/tmp/shop;db_close_on_exit=true"))
                .isEqualTo("jdbc:h2:file:/tmp/shop;db_close_on_exit=true");
        assertThat(EmbeddedDatabases.closedByTheHost("jdbc:h2:tcp://db/shop")).isEqualTo("jdbc:h2:tcp://db/shop");
        assertThat(EmbeddedDatabases.closedByTheHost("jdbc:postgresql://db/shop?user=shop"))
                .isEqualTo("jdbc:postgresql://db/shop?user=shop");
    }
}
