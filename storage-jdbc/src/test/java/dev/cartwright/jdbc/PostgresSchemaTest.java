package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL-only part of the schema (trigram indexes behind the catalog's text search) and of the store. */
class PostgresSchemaTest {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Test
    void textSearchOnNameAndDescriptionHasTrigramIndexes() throws SQLException {
        DATABASE.freshStore();
        List<String> definitions = new ArrayList<>();
        try (Connection connection = DATABASE.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'products'")) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    definitions.add(rows.getString(1));
                }
            }
        }
        assertThat(definitions).anySatisfy(definition -> assertThat(definition)
                .contains("gin").contains("lower((name)").contains("gin_trgm_ops"));
        assertThat(definitions).anySatisfy(definition -> assertThat(definition)
                .contains("gin").contains("lower((description)").contains("gin_trgm_ops"));
    }

    @Test
    void transactionsRunAtReadCommittedWhateverThePoolDefault() {
        DATABASE.freshStore();

        assertThat(IsolationProbe.insideTransaction(DATABASE.dataSource()))
                .isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    }
}
