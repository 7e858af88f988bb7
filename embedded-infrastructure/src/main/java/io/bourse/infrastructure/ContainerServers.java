package io.bourse.infrastructure;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL and Kafka in containers, for machines with a Docker engine. */
final class ContainerServers {

    static final String POSTGRES_IMAGE = "postgres:18-alpine";
    static final String KAFKA_IMAGE = "apache/kafka-native:4.1.1";

    private ContainerServers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static PostgresServer postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE).withCommand("postgres", "-c",
                "max_connections=300");
        container.start();
        return new PostgresServer() {
            @Override
            public String jdbcUrl(String database) {
                String admin = container.getJdbcUrl();
                Databases.ensureExists(admin, username(), password(), database);
                return admin.substring(0, admin.lastIndexOf('/') + 1) + database;
            }

            @Override
            public String username() {
                return container.getUsername();
            }

            @Override
            public String password() {
                return container.getPassword();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    static KafkaServer kafka() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}
