package io.bourse.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.infrastructure.TestInfrastructure;
import io.bourse.platform.testapp.TestServices;
import io.bourse.platform.testapp.beta.BetaApplication;
import io.bourse.platform.testapp.commands.EntryRecorded;
import io.bourse.platform.testapp.commands.OpenLedger;
import io.bourse.platform.testapp.commands.RecordEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;

class KafkaEventForwarderIT {

    @Test
    void eventsStoredBeforeTheForwarderFirstRunsAreForwardedToo() {
        String service = "forwarded";
        String ledgerId = UUID.randomUUID().toString();
        String databaseUrl;
        try (ConfigurableApplicationContext withoutForwarding = TestServices.start(BetaApplication.class, service,
                Map.of("bourse.messaging.publish-events", "false"))) {
            CommandGateway commands = withoutForwarding.getBean(CommandGateway.class);
            commands.sendAndWait(new OpenLedger(ledgerId));
            commands.sendAndWait(new RecordEntry(ledgerId, "a", 10));
            commands.sendAndWait(new RecordEntry(ledgerId, "b", 20));
            databaseUrl = withoutForwarding.getEnvironment().getProperty("spring.datasource.url");
        }
        assertThat(recordsKeyed(ledgerId, service)).isEmpty();

        try (ConfigurableApplicationContext withForwarding = TestServices.start(BetaApplication.class, service,
                Map.of("spring.datasource.url", databaseUrl))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recordsKeyed(ledgerId, service))
                    .extracting(ConsumerRecord::key)
                    .containsExactly(ledgerId, ledgerId, ledgerId));
        }
    }

    @Test
    void onlyThePublishedEventsLeaveTheService() {
        String service = "selective";
        String ledgerId = UUID.randomUUID().toString();
        try (ConfigurableApplicationContext context = TestServices.start(BetaApplication.class, service,
                Map.of("bourse.messaging.published-events", "EntryRecorded"))) {
            CommandGateway commands = context.getBean(CommandGateway.class);
            commands.sendAndWait(new OpenLedger(ledgerId));
            commands.sendAndWait(new RecordEntry(ledgerId, "a", 10));
            commands.sendAndWait(new RecordEntry(ledgerId, "b", 20));
            // One ledger's events keep their order on its partition: a forwarded LedgerOpened would come first.
            await().atMost(Duration.ofSeconds(30)).until(() -> recordsKeyed(ledgerId, service).size() >= 2);
            assertThat(recordsKeyed(ledgerId, service))
                    .extracting(record -> new String(record.headers().lastHeader("axon-message-type").value(),
                            StandardCharsets.UTF_8))
                    .containsExactly(EntryRecorded.class.getName(), EntryRecorded.class.getName());
        }
    }

    /** Every record on the service's events topic with the given key, read from the beginning. */
    private static List<ConsumerRecord<String, byte[]>> recordsKeyed(String key, String service) {
        Map<String, Object> config = new KafkaClients(
                () -> List.of(TestInfrastructure.shared().kafka().bootstrapServers()), new KafkaProperties())
                .consumer(null);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.events(TestServices.name(service)))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }
}
