package io.bourse.benchmarks.flow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The stack's PostgreSQL, seen from outside: how many transactions it has committed, and how many durable
 * single-row commits it can do at most (in a scratch database that it creates and drops).
 */
final class PostgresProbe implements AutoCloseable {

    static final String SCRATCH = "bourse_bench";

    /**
     * Committed transactions by pg_stat_database, read-only ones included; write transactions by the next
     * transaction id, which read-only transactions never take. The statistics reach the view up to about a second
     * late; the transaction id is exact.
     */
    record Counters(long commits, long writeTransactions) {

        Counters minus(Counters before) {
            return new Counters(commits - before.commits, writeTransactions - before.writeTransactions);
        }
    }

    record Settings(String version, String fsync, String synchronousCommit, String fullPageWrites) {
    }

    record CommitCeiling(int clients, double seconds, long commits, double perSecond, double p50Ms, double p99Ms) {
    }

    private final String url;
    private final String user;
    private final String password;
    private final Connection connection;

    PostgresProbe(String url, String user, String password) throws SQLException {
        this.url = url;
        this.user = user;
        this.password = password;
        this.connection = DriverManager.getConnection(url, user, password);
        this.connection.setAutoCommit(true);
    }

    Counters counters() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select (select sum(xact_commit) from pg_stat_database),"
                     + " pg_snapshot_xmax(pg_current_snapshot())::text::bigint")) {
            rows.next();
            return new Counters(rows.getLong(1), rows.getLong(2));
        }
    }

    Settings settings() throws SQLException {
        return new Settings(show("server_version"), show("fsync"), show("synchronous_commit"),
                show("full_page_writes"));
    }

    private String show(String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("show " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** One INSERT of one row and its COMMIT per round trip, from each client in a loop, for the given time. */
    List<CommitCeiling> commitCeiling(List<Integer> clientCounts, double seconds) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + SCRATCH + " with (force)");
            statement.execute("create database " + SCRATCH);
        }
        String scratchUrl = url.replaceFirst("(//[^/]+/)[^?]*", "$1" + SCRATCH);
        try {
            try (Connection scratch = DriverManager.getConnection(scratchUrl, user, password);
                 Statement statement = scratch.createStatement()) {
                statement.execute("create table commits (id bigserial primary key, client int not null,"
                        + " at timestamptz not null default now(), payload text not null)");
            }
            List<CommitCeiling> results = new ArrayList<>();
            for (int clients : clientCounts) {
                results.add(commits(scratchUrl, clients, seconds));
            }
            return results;
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop database if exists " + SCRATCH + " with (force)");
            }
        }
    }

    private CommitCeiling commits(String scratchUrl, int clients, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Connection each = DriverManager.getConnection(scratchUrl, user, password);
                each.setAutoCommit(false);
                connections.add(each);
            }
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            List<Future<Long>> counts = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Connection each = connections.get(i);
                int client = i;
                counts.add(pool.submit(() -> {
                    long done = 0;
                    Histogram own = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
                    try (PreparedStatement insert = each.prepareStatement(
                            "insert into commits (client, payload) values (?, ?)")) {
                        while (System.nanoTime() < end) {
                            long began = System.nanoTime();
                            insert.setInt(1, client);
                            insert.setString(2, "a row the size of a small event, committed on its own");
                            insert.executeUpdate();
                            each.commit();
                            own.recordValue(Math.min(own.getHighestTrackableValue(),
                                    Math.max(1, (System.nanoTime() - began) / 1000)));
                            done++;
                        }
                    }
                    synchronized (latency) {
                        latency.add(own);
                    }
                    return done;
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            return new CommitCeiling(clients, elapsed, total, total / elapsed,
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0);
        } finally {
            pool.shutdownNow();
            for (Connection each : connections) {
                each.close();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
