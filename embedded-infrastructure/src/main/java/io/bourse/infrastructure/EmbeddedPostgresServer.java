package io.bourse.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server run from the binaries on the classpath, listening on loopback only. With a data
 * directory it keeps its data between runs; without one it starts empty and leaves nothing behind.
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * A server with a data directory commits durably; a throwaway one (tests) keeps the library's fast settings,
     * since nothing of it outlives the test run.
     *
     * @param dataDirectory where the data lives between runs, or null for a throwaway server
     * @param port          the port to listen on, or 0 for any free one
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300")
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (dataDirectory != null) {
                // Data that is kept is kept durably: the library's defaults turn fsync, synchronous commits and
                // full-page writes off, so a machine crash could lose orders that were already answered.
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
                builder.setOverrideWorkingDirectory(dataDirectory.getParent().resolve("postgres-binaries").toFile());
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public String jdbcUrl(String database) {
        Databases.ensureExists(url("postgres"), USER, password(), database);
        return url(database);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
