package io.bourse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.platform.messaging.KafkaMessagingAutoConfiguration;
import io.bourse.platform.messaging.MessagingProperties;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.JsonNode;

/** The Kafka of each overlay against what the services expect of it: topics, partitions, replicas, address. */
class KafkaManifestsTest {

    @Test
    void prodDeclaresEveryTopicTheServicesCreateWithTheirPartitionsAndReplicas() {
        Manifests prod = Manifests.of(Manifests.PROD);
        Map<String, NewTopic> expected = topicsTheServicesCreate(prod);
        Map<String, JsonNode> declared = prod.customResources("KafkaTopic").stream().collect(Collectors.toMap(
                topic -> topic.path("spec").path("topicName").asString(topic.path("metadata").path("name").asString()),
                topic -> topic, (a, b) -> {
                    throw new AssertionError("a topic declared twice: " + a);
                }, TreeMap::new));

        assertThat(declared.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, topic) -> {
            assertThat(declared.get(name).path("spec").path("partitions").asInt()).as(name + " partitions")
                    .isEqualTo(topic.numPartitions());
            assertThat(declared.get(name).path("spec").path("replicas").asInt()).as(name + " replicas")
                    .isEqualTo(topic.replicationFactor());
        });
    }

    @Test
    void prodTopicsBelongToTheKafkaClusterTheServicesConnectTo() {
        Manifests prod = Manifests.of(Manifests.PROD);
        JsonNode kafka = prod.customResource("Kafka");
        String cluster = kafka.path("metadata").path("name").asString();

        assertThat(prod.customResources("KafkaTopic")).isNotEmpty().allSatisfy(topic ->
                assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asString())
                        .isEqualTo(cluster));
        assertThat(prod.customResources("KafkaNodePool")).isNotEmpty().allSatisfy(pool ->
                assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asString())
                        .isEqualTo(cluster));
        // The platform's clients take only the bootstrap servers from Spring: no TLS, no SASL.
        List<Integer> plainPorts = StreamSupport.stream(kafka.path("spec").path("kafka").path("listeners").spliterator(),
                        false)
                .filter(listener -> listener.path("type").asString().equals("internal"))
                .filter(listener -> !listener.path("tls").asBoolean() && listener.path("authentication").isMissingNode())
                .map(listener -> listener.path("port").asInt()).toList();
        for (ServiceModule service : Project.services()) {
            String bootstrap = environment(prod, service).get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
            assertThat(bootstrap).as(service.module()).startsWith(cluster + "-kafka-bootstrap:");
            assertThat(Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1))).isIn(plainPorts);
        }
    }

    @Test
    void prodKeepsEveryWriteOnTwoNodesOfThreeSoThatOneMayGo() {
        Manifests prod = Manifests.of(Manifests.PROD);
        List<JsonNode> pools = prod.customResources("KafkaNodePool");
        int brokers = nodes(pools, "broker");
        JsonNode config = prod.customResource("Kafka").path("spec").path("kafka").path("config");
        int minInSync = config.path("min.insync.replicas").asInt();

        assertThat(nodes(pools, "controller")).as("KRaft controllers, an odd quorum").isEqualTo(3);
        assertThat(brokers).isEqualTo(3);
        assertThat(minInSync).isEqualTo(2);
        assertThat(prod.customResources("KafkaTopic")).allSatisfy(topic -> assertThat(
                topic.path("spec").path("replicas").asInt()).isEqualTo(brokers).isGreaterThan(minInSync));
        for (String internal : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "share.coordinator.state.topic.replication.factor")) {
            assertThat(config.path(internal).asInt()).as(internal).isEqualTo(brokers);
        }
    }

    @Test
    void devRunsOneKraftNodeWhoseInternalTopicsHaveOneReplica() {
        Manifests dev = Manifests.of(Manifests.DEV);
        StatefulSet kafka = dev.get(StatefulSet.class, "kafka");
        Map<String, String> broker = variables(Manifests.container(kafka.getSpec().getTemplate()));

        assertThat(kafka.getSpec().getReplicas()).isEqualTo(1);
        assertThat(Manifests.container(kafka.getSpec().getTemplate()).getImage()).startsWith("apache/kafka:");
        assertThat(broker.get("KAFKA_PROCESS_ROLES").split(",")).containsExactlyInAnyOrder("broker", "controller");
        assertThat(broker.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).startsWith(broker.get("KAFKA_NODE_ID") + "@");
        for (String internal : List.of("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
                "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR")) {
            assertThat(broker.get(internal)).as(internal).isEqualTo("1");
        }
        assertThat(topicsTheServicesCreate(dev).values()).allSatisfy(topic ->
                assertThat(topic.replicationFactor()).as(topic.name()).isEqualTo((short) 1));
        assertThat(kafka.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim ->
                assertThat(broker.get("KAFKA_LOG_DIRS")).startsWith(Manifests.container(kafka.getSpec().getTemplate())
                        .getVolumeMounts().stream().filter(m -> m.getName().equals(claim.getMetadata().getName()))
                        .findFirst().orElseThrow().getMountPath() + "/"));
    }

    @Test
    void devServicesReachTheBrokerItAdvertises() {
        Manifests dev = Manifests.of(Manifests.DEV);
        StatefulSet kafka = dev.get(StatefulSet.class, "kafka");
        Container container = Manifests.container(kafka.getSpec().getTemplate());
        Service headless = dev.get(Service.class, kafka.getSpec().getServiceName());

        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(kafka.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(headless.getSpec().getSelector());
        assertThat(variables(container).get("KAFKA_ADVERTISED_LISTENERS"))
                .contains("://" + kafka.getMetadata().getName() + "-0." + headless.getMetadata().getName() + ":");
        for (ServiceModule service : Project.services()) {
            String bootstrap = environment(dev, service).get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
            int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
            assertThat(bootstrap).as(service.module()).startsWith(headless.getMetadata().getName() + ":");
            assertThat(headless.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getPort()).isEqualTo(port));
            assertThat(variables(container).get("KAFKA_ADVERTISED_LISTENERS")).endsWith(":" + port);
        }
    }

    /** What the services' KafkaAdmin creates at start, from each service's messaging properties in this overlay. */
    private static Map<String, NewTopic> topicsTheServicesCreate(Manifests manifests) {
        Map<String, NewTopic> topics = new TreeMap<>();
        for (ServiceModule service : Project.services()) {
            MessagingProperties messaging = service.messaging(environment(manifests, service));
            for (NewTopic topic : newTopics(new KafkaMessagingAutoConfiguration().bourseTopics(messaging))) {
                NewTopic other = topics.putIfAbsent(topic.name(), topic);
                assertThat(other == null || other.equals(topic)).as("services agree on " + topic.name()).isTrue();
            }
        }
        return topics;
    }

    /** The topics of a KafkaAdmin.NewTopics bean, as KafkaAdmin reads them (Spring Kafka keeps that accessor to itself). */
    @SuppressWarnings("unchecked")
    private static Collection<NewTopic> newTopics(KafkaAdmin.NewTopics bean) {
        try {
            Method topics = KafkaAdmin.NewTopics.class.getDeclaredMethod("getNewTopics");
            topics.setAccessible(true);
            return (Collection<NewTopic>) topics.invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the topics of KafkaAdmin.NewTopics", e);
        }
    }

    private static Map<String, String> environment(Manifests manifests, ServiceModule service) {
        return manifests.environment(Manifests.container(manifests.deployment(service)));
    }

    private static Map<String, String> variables(Container container) {
        return container.getEnv().stream().filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static int nodes(List<JsonNode> pools, String role) {
        return pools.stream().filter(pool -> StreamSupport.stream(pool.path("spec").path("roles").spliterator(), false)
                .anyMatch(r -> r.asString().equals(role))).mapToInt(pool -> pool.path("spec").path("replicas").asInt())
                .sum();
    }
}
