package io.bourse.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class KafkaClientsTest {

    private final KafkaConnectionDetails connection = () -> List.of("kafka-0:9093", "kafka-1:9093");

    @Test
    void everyClientAuthenticatesAsSpringsKafkaPropertiesSay() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getSecurity().setProtocol("SASL_SSL");
        kafka.getProperties().put("sasl.mechanism", "SCRAM-SHA-512");
        kafka.getProperties().put("sasl.jaas.config", "scram-login-module user=bourse-order");
        kafka.getSsl().setTrustStoreType("PEM");

        KafkaClients clients = new KafkaClients(connection, kafka);

        for (var config : List.of(clients.producer("p"), clients.consumer("g"), clients.admin())) {
            assertThat(config)
                    .containsEntry("bootstrap.servers", "kafka-0:9093,kafka-1:9093")
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", "scram-login-module user=bourse-order")
                    .containsEntry("ssl.truststore.type", "PEM");
        }
    }

    @Test
    void withoutSecuritySettingsAClientNamesOnlyTheBrokersAndItsOwnSettings() {
        KafkaClients clients = new KafkaClients(connection, new KafkaProperties());

        assertThat(clients.admin()).containsOnlyKeys("bootstrap.servers");
        assertThat(clients.producer("p")).containsEntry("acks", "all").doesNotContainKey("security.protocol");
    }
}
