package io.bourse.infrastructure;

/** A running PostgreSQL server that hands out databases. */
public interface PostgresServer extends AutoCloseable {

    /** The JDBC URL of the named database, created first when it does not exist. */
    String jdbcUrl(String database);

    String username();

    String password();

    @Override
    void close();
}
