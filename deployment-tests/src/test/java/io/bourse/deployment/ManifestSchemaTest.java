package io.bourse.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every object kustomize renders is one the API server would take as it is, field for field. */
class ManifestSchemaTest {

    static Stream<String> kustomizations() {
        return Stream.concat(Stream.of("k8s/base"), Manifests.OVERLAYS.stream());
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersWithKubectl(String path) {
        Manifests manifests = Manifests.of(path);
        System.out.printf("%s: %d objects, rendered in %d ms%n", path, manifests.objects().size(),
                manifests.renderTime().toMillis());
        assertThat(manifests.objects()).isNotEmpty().allSatisfy(object -> {
            assertThat(object.path("apiVersion").asString("")).isNotEmpty();
            assertThat(object.path("kind").asString("")).isNotEmpty();
            assertThat(object.path("metadata").path("name").asString("")).isNotEmpty();
        });
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyBuiltInObjectHasOnlyTheFieldsOfItsKind(String path) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : Manifests.of(path).objects()) {
            if (KubernetesModel.isBuiltIn(object)) {
                try {
                    KubernetesModel.read(object);
                } catch (RuntimeException e) {
                    problems.add(describe(object) + ": " + e.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyCustomResourceMatchesTheServedSchemaOfItsCrd(String path) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : Manifests.of(path).objects()) {
            if (!KubernetesModel.isBuiltIn(object)) {
                CrdSchemas.get().problems(object).forEach(problem -> problems.add(describe(object) + ": " + problem));
                try {
                    KubernetesModel.metadata(object);
                } catch (RuntimeException e) {
                    problems.add(describe(object) + " metadata: " + e.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void prodsCustomResourcesAreAllValidatedAgainstACrd() {
        List<String> kinds = Manifests.of(Manifests.PROD).objects().stream().filter(o -> !KubernetesModel.isBuiltIn(o))
                .map(o -> o.path("apiVersion").asString() + "/" + o.path("kind").asString()).distinct().toList();
        assertThat(kinds).containsExactlyInAnyOrder("kafka.strimzi.io/v1/Kafka", "kafka.strimzi.io/v1/KafkaNodePool",
                "kafka.strimzi.io/v1/KafkaTopic", "postgresql.cnpg.io/v1/Cluster");
        assertThat(kinds).allSatisfy(kind -> assertThat(CrdSchemas.get()
                .knows(kind.substring(0, kind.lastIndexOf('/')), kind.substring(kind.lastIndexOf('/') + 1))).isTrue());
    }

    /** The strict reading is what the tests above rely on: a misspelt field must not pass. */
    @Test
    void aFieldTheModelDoesNotKnowIsRefused() {
        JsonNode deployment = first(Manifests.DEV, "Deployment");
        ObjectNode misspeltInContainer = (ObjectNode) deployment.deepCopy();
        ((ObjectNode) misspeltInContainer.path("spec").path("template").path("spec").path("containers").get(0))
                .put("imagePullPolicyy", "Always");
        ObjectNode misspeltInSpec = (ObjectNode) deployment.deepCopy();
        ((ObjectNode) misspeltInSpec.path("spec")).put("replica", 2);

        assertThat(KubernetesModel.read(deployment)).isNotNull();
        assertThatThrownBy(() -> KubernetesModel.read(misspeltInContainer)).hasMessageContaining("imagePullPolicyy");
        assertThatThrownBy(() -> KubernetesModel.read(misspeltInSpec)).hasMessageContaining("replica");
    }

    @Test
    void aFieldOrValueTheCrdDoesNotDeclareIsRefused() {
        JsonNode topic = first(Manifests.PROD, "KafkaTopic");
        ObjectNode misspelt = (ObjectNode) topic.deepCopy();
        ((ObjectNode) misspelt.path("spec")).put("partiton", 8);
        ObjectNode mistyped = (ObjectNode) topic.deepCopy();
        ((ObjectNode) mistyped.path("spec")).put("partitions", "eight");
        JsonNode cluster = first(Manifests.PROD, "Cluster");
        ObjectNode nested = (ObjectNode) cluster.deepCopy();
        ((ObjectNode) nested.path("spec").path("bootstrap").path("initdb")).put("databse", "bourse_order");
        ObjectNode outOfRange = (ObjectNode) cluster.deepCopy();
        ((ObjectNode) outOfRange.path("spec")).put("instances", 0);

        assertThat(CrdSchemas.get().problems(topic)).isEmpty();
        assertThat(CrdSchemas.get().problems(cluster)).isEmpty();
        assertThat(CrdSchemas.get().problems(misspelt)).anySatisfy(p -> assertThat(p).contains("partiton"));
        assertThat(CrdSchemas.get().problems(mistyped)).anySatisfy(p -> assertThat(p).contains("partitions"));
        assertThat(CrdSchemas.get().problems(nested)).anySatisfy(p -> assertThat(p).contains("databse"));
        assertThat(CrdSchemas.get().problems(outOfRange)).anySatisfy(p -> assertThat(p).contains("instances"));
    }

    private static JsonNode first(String path, String kind) {
        return Manifests.of(path).objects().stream().filter(o -> o.path("kind").asString("").equals(kind))
                .findFirst().orElseThrow(() -> new AssertionError(path + " renders no " + kind));
    }

    private static String describe(JsonNode object) {
        return object.path("kind").asString() + " " + object.path("metadata").path("name").asString();
    }
}
