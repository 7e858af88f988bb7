package io.bourse.infrastructure;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL and Kafka in containers, for machines with a Docker engine (or podman's Docker API). The official images
 * by default; {@code -Dbourse.containers.postgres-image} and {@code -Dbourse.containers.kafka-image} name others
 * built from the same software, which must then behave as the official ones do (deploy/images builds such).
 */
final class ContainerServers {

    private static final DockerImageName POSTGRES_IMAGE = image("bourse.containers.postgres-image",
            "postgres:18-alpine", "postgres");
    private static final DockerImageName KAFKA_IMAGE = image("bourse.containers.kafka-image",
            "apache/kafka-native:4.1.1", "apache/kafka");

    private ContainerServers() {
    }

    private static DockerImageName image(String property, String official, String substitutes) {
        String name = System.getProperty(property);
        return name == null || name.isBlank() ? DockerImageName.parse(official)
                : DockerImageName.parse(name).asCompatibleSubstituteFor(substitutes);
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
