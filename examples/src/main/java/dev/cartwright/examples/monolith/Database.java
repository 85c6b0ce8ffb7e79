package dev.cartwright.examples.monolith;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cartwright.examples.server.EmbeddedDatabases;

/** Opens the connection pool the monolith's store runs on. */
final class Database {

    private Database() {
    }

    static HikariDataSource open(Settings settings) {
        String url = settings.databaseUrl().orElse(Settings.DEFAULT_DATABASE_URL);
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("DATABASE_URL must be a JDBC URL (jdbc:postgresql://host:5432/db?user=..."
                    + "&password=..., or jdbc:h2:...)");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(EmbeddedDatabases.closedByTheHost(url));
        config.setPoolName("cartwright");
        config.setMaximumPoolSize(10);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    /** @return the URL without its password, for the start-up message */
    static String describe(Settings settings) {
        return settings.databaseUrl().orElse(Settings.DEFAULT_DATABASE_URL)
                .replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*@", "//***@");
    }
}
