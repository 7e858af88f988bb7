package io.bourse.portfolio.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bourse.events.portfolio.AssetDeposited;
import io.bourse.events.portfolio.AssetWithdrawn;
import io.bourse.events.portfolio.DepositAsset;
import io.bourse.events.portfolio.InsufficientBalanceException;
import io.bourse.events.portfolio.OpenAccount;
import io.bourse.events.portfolio.WithdrawAsset;
import io.bourse.infrastructure.TestInfrastructure;
import io.bourse.portfolio.PortfolioServiceApplication;
import io.bourse.platform.testing.ServiceUnderTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Snapshots of a portfolio on the real event store (PostgreSQL) with the service's real command bus (Kafka).
 * <p>
 * That a portfolio is loaded from its snapshot is shown without looking inside Axon: once the snapshots are stored,
 * the service stops, every event a snapshot covers is deleted from the event store, and a fresh instance of the
 * service starts on the same database. Whatever the next commands then know about balances and processed
 * transactions, for the deposits whose events are gone, they can only know from the snapshot.
 */
class PortfolioSnapshotIT {

    private static final int THRESHOLD = 5;
    private static final String SERVICE = "portfolio" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(30);

    /** Deposited in this order, with transaction ids tx-1 to tx-6: with the opening, seven events, past the threshold. */
    private static final List<BigDecimal> DEPOSITS = List.of(new BigDecimal("1000.00"), new BigDecimal("250.50"),
            new BigDecimal("0.25"), new BigDecimal("75.10"), new BigDecimal("12.34"), new BigDecimal("3.01"));
    private static final BigDecimal DEPOSITED = DEPOSITS.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    private static final BigDecimal ONE_CENT = new BigDecimal("0.01");

    /** Withdraws after the reload. */
    private static final String SPENDER = "acc-spender-" + UUID.randomUUID();
    /** Repeats a deposit after the reload. */
    private static final String RETRIER = "acc-retrier-" + UUID.randomUUID();

    /** Per account, the sequence number its snapshot covers up to: no event at or below it is left. */
    private static final Map<String, Long> COVERED = new HashMap<>();
    /** Per account, the sequence number of its last event before the restart. */
    private static final Map<String, Long> LAST = new HashMap<>();

    private static ConfigurableApplicationContext before;
    private static ConfigurableApplicationContext after;
    private static CommandGateway commands;
    private static JdbcTemplate database;

    @BeforeAll
    static void snapshotAccountsThenRestartWithoutTheEventsTheSnapshotsCover() {
        Map<String, String> infrastructure = TestInfrastructure.shared().springProperties("portfolio");
        before = startService(infrastructure);
        String url = before.getEnvironment().getRequiredProperty("spring.datasource.url");
        database = new JdbcTemplate(new DriverManagerDataSource(url,
                infrastructure.get("spring.datasource.username"), infrastructure.get("spring.datasource.password")));

        commands = ServiceUnderTest.adminCommands(before);
        for (String account : List.of(SPENDER, RETRIER)) {
            openAndDepositPastTheThreshold(account);
        }
        for (String account : List.of(SPENDER, RETRIER)) {
            awaitSnapshot(account);
        }
        before.close();

        for (String account : List.of(SPENDER, RETRIER)) {
            long covered = latestSnapshot(account).sequenceNumber();
            LAST.put(account, lastSequence(account));
            int deleted = database.update(
                    "delete from domain_event_entry where aggregate_identifier = ? and sequence_number <= ?",
                    account, covered);
            assertThat(deleted).as("events of %s covered by its snapshot at %d", account, covered)
                    .isEqualTo(covered + 1);
            COVERED.put(account, covered);
        }

        Map<String, String> sameDatabase = new LinkedHashMap<>(infrastructure);
        sameDatabase.put("spring.datasource.url", url);
        after = startService(sameDatabase);
        commands = ServiceUnderTest.adminCommands(after);
    }

    @AfterAll
    static void stopServices() {
        if (after != null) {
            after.close();
        }
        if (before != null) {
            before.close();
        }
    }

    @Test
    void aSnapshotIsStoredOnceAnAccountPassesTheEventCountThreshold() {
        String account = "acc-" + UUID.randomUUID();

        openAndDepositPastTheThreshold(account);

        Snapshot snapshot = awaitSnapshot(account);
        assertThat(snapshot.aggregateIdentifier()).isEqualTo(account);
        assertThat(snapshot.type()).isEqualTo(Portfolio.class.getSimpleName());
        assertThat(snapshot.sequenceNumber()).isBetween((long) THRESHOLD - 1, (long) DEPOSITS.size());
        assertThat(eventSequenceNumbers(account)).as("a snapshot adds to the events, it removes none")
                .hasSize(DEPOSITS.size() + 1);
    }

    @Test
    void afterALoadFromTheSnapshotTheWholeBalanceCanBeWithdrawnButNotOneCentMore() {
        assertThat(eventSequenceNumbers(SPENDER)).as("left in the event store: only what the snapshot does not cover")
                .allMatch(sequence -> sequence > COVERED.get(SPENDER));
        long lastSequence = LAST.get(SPENDER);

        assertThatThrownBy(() -> withdraw(SPENDER, "tx-over", DEPOSITED.add(ONE_CENT)))
                .isInstanceOf(InsufficientBalanceException.class);
        assertThatCode(() -> withdraw(SPENDER, "tx-all", DEPOSITED)).doesNotThrowAnyException();
        assertThatThrownBy(() -> withdraw(SPENDER, "tx-empty", ONE_CENT))
                .isInstanceOf(InsufficientBalanceException.class);

        assertThat(database.queryForList(
                "select payload_type from domain_event_entry where aggregate_identifier = ? and sequence_number = ?",
                String.class, SPENDER, lastSequence + 1))
                .as("the withdrawal continues the account's own sequence")
                .containsExactly(AssetWithdrawn.class.getName());
    }

    @Test
    void afterALoadFromTheSnapshotADepositRepeatedWithAnAlreadyUsedTransactionIdChangesNothing() {
        assertThat(eventSequenceNumbers(RETRIER)).as("left in the event store: only what the snapshot does not cover")
                .allMatch(sequence -> sequence > COVERED.get(RETRIER));
        long lastSequence = LAST.get(RETRIER);

        // tx-1 is the first deposit, right after the opening: its event went with the ones the snapshot covers.
        assertThatCode(() -> deposit(RETRIER, "tx-1", DEPOSITS.get(0))).doesNotThrowAnyException();

        assertThat(eventSequenceNumbers(RETRIER)).as("no event for a repeated transaction")
                .allMatch(sequence -> sequence <= lastSequence);
        assertThatThrownBy(() -> withdraw(RETRIER, "tx-over", DEPOSITED.add(ONE_CENT)))
                .as("the balance was not credited twice")
                .isInstanceOf(InsufficientBalanceException.class);
        assertThatCode(() -> withdraw(RETRIER, "tx-all", DEPOSITED)).doesNotThrowAnyException();
    }

    private static ConfigurableApplicationContext startService(Map<String, String> infrastructure) {
        Map<String, String> properties = new LinkedHashMap<>(infrastructure);
        properties.put("spring.config.name", PortfolioServiceApplication.CONFIG_NAME);
        properties.put("server.port", "0");
        properties.put("bourse.messaging.service", SERVICE);
        properties.put("bourse.snapshots.portfolio.threshold", String.valueOf(THRESHOLD));
        // As command-line arguments, so they win over portfolio-service.yml.
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(PortfolioServiceApplication.class).run(arguments);
    }

    private static void openAndDepositPastTheThreshold(String account) {
        send(new OpenAccount(account, "owner-of-" + account));
        for (int i = 0; i < DEPOSITS.size(); i++) {
            deposit(account, "tx-" + (i + 1), DEPOSITS.get(i));
        }
        assertThat(database.queryForList(
                "select payload_type from domain_event_entry where aggregate_identifier = ? and payload_type = ?",
                String.class, account, AssetDeposited.class.getName()))
                .as("deposits of %s", account).hasSize(DEPOSITS.size());
    }

    private static void deposit(String account, String transactionId, BigDecimal amount) {
        send(new DepositAsset(account, transactionId, "USD", amount));
    }

    private static void withdraw(String account, String transactionId, BigDecimal amount) {
        send(new WithdrawAsset(account, transactionId, "USD", amount));
    }

    private static void send(Object command) {
        commands.sendAndWait(command, 10, TimeUnit.SECONDS);
    }

    /** Snapshots are taken after the command's transaction commits, so one may lag behind the command's reply. */
    private static Snapshot awaitSnapshot(String account) {
        await("a snapshot of " + account).atMost(SNAPSHOT_WAIT)
                .until(() -> snapshots(account), rows -> !rows.isEmpty());
        return latestSnapshot(account);
    }

    private static Snapshot latestSnapshot(String account) {
        List<Snapshot> rows = snapshots(account);
        assertThat(rows).as("snapshots of %s", account).isNotEmpty();
        return rows.get(rows.size() - 1);
    }

    private static List<Snapshot> snapshots(String account) {
        return database.query("""
                        select aggregate_identifier, sequence_number, type from snapshot_event_entry
                        where aggregate_identifier = ? order by sequence_number""",
                (row, index) -> new Snapshot(row.getString("aggregate_identifier"), row.getLong("sequence_number"),
                        row.getString("type")),
                account);
    }

    private static List<Long> eventSequenceNumbers(String account) {
        return database.queryForList(
                "select sequence_number from domain_event_entry where aggregate_identifier = ? order by sequence_number",
                Long.class, account);
    }

    private static long lastSequence(String account) {
        List<Long> sequences = eventSequenceNumbers(account);
        return sequences.get(sequences.size() - 1);
    }

    private record Snapshot(String aggregateIdentifier, long sequenceNumber, String type) {
    }
}
