package io.bourse.infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server and Kafka broker that integration tests run against: containers where a Docker engine
 * answers, otherwise PostgreSQL from embedded binaries and an in-process KRaft broker, both on loopback. One pair
 * serves every test of a JVM; each Spring context gets a fresh database of its own.
 * <p>
 * {@code -Dbourse.infrastructure=embedded} or {@code =containers} forces one kind.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestInfrastructure shared;

    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final String kind;

    private TestInfrastructure(PostgresServer postgres, KafkaServer kafka, String kind) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.kind = kind;
    }

    public static synchronized TestInfrastructure shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "test-infrastructure-stop"));
        }
        return shared;
    }

    private static TestInfrastructure start() {
        String requested = System.getProperty("bourse.infrastructure", "auto");
        boolean containers = switch (requested) {
            case "containers" -> true;
            case "embedded" -> false;
            default -> ContainerServers.dockerAvailable();
        };
        long started = System.nanoTime();
        TestInfrastructure infrastructure = containers
                ? new TestInfrastructure(ContainerServers.postgres(), ContainerServers.kafka(), "containers")
                : new TestInfrastructure(EmbeddedPostgresServer.start(null, 0), KafkaRaftBroker.start(null, 0),
                "embedded");
        log.info("Test infrastructure ({}) ready in {} ms: PostgreSQL and Kafka at {}", infrastructure.kind,
                (System.nanoTime() - started) / 1_000_000, infrastructure.kafka.bootstrapServers());
        return infrastructure;
    }

    public String kind() {
        return kind;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaServer kafka() {
        return kafka;
    }

    /** A database no other context of this JVM uses. */
    public String newDatabase(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    }

    /** The Spring properties that point a service at a fresh database and at the broker. */
    public Map<String, String> springProperties(String databasePrefix) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", postgres.jdbcUrl(newDatabase(databasePrefix)));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        return properties;
    }

    private void stop() {
        kafka.close();
        postgres.close();
    }
}
