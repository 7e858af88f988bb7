package io.bourse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** Each service has its own database, on the overlay's PostgreSQL, owned by the user of the service's Secret. */
class DatabaseManifestsTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    private static final Pattern DEV_CREATE = Pattern.compile(
            "^create (\\w+) \"\\$(\\w+)\" \"\\$(\\w+)\"$", Pattern.MULTILINE);
    private static final Pattern CREATE_DATABASE = Pattern.compile("CREATE DATABASE (\\w+) OWNER (\\w+)");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceReadsItsOwnDatabase(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        Map<String, String> databases = new TreeMap<>();
        for (ServiceModule service : Project.services()) {
            URI url = jdbcUrl(manifests, service);
            assertThat(url.getScheme()).isEqualTo("postgresql");
            assertThat(url.getPath()).as(service.module()).isEqualTo("/" + service.database());
            databases.put(service.module(), url.getPath());
        }
        assertThat(databases.values()).doesNotHaveDuplicates();
    }

    @Test
    void devServicesReachTheirServer() {
        Manifests dev = Manifests.of(Manifests.DEV);
        StatefulSet postgres = dev.get(StatefulSet.class, "postgres");
        for (ServiceModule service : Project.services()) {
            URI url = jdbcUrl(dev, service);
            Service front = dev.get(Service.class, url.getHost());
            assertThat(postgres.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(front.getSpec().getSelector());
            assertThat(front.getSpec().getPorts()).anySatisfy(port -> assertThat(port.getPort())
                    .isEqualTo(url.getPort()));
            assertThat(Manifests.container(postgres.getSpec().getTemplate()).getPorts())
                    .anySatisfy(port -> assertThat(port.getContainerPort()).isEqualTo(url.getPort()));
        }
    }

    @Test
    void devCreatesEachServicesDatabaseForTheUserOfItsSecret() {
        Manifests dev = Manifests.of(Manifests.DEV);
        StatefulSet postgres = dev.get(StatefulSet.class, "postgres");
        Container container = Manifests.container(postgres.getSpec().getTemplate());
        Map<String, SecretKeySelector> fromSecrets = new HashMap<>();
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                fromSecrets.put(variable.getName(), variable.getValueFrom().getSecretKeyRef());
            }
        }
        String script = initScript(dev, postgres, container);
        Map<String, String[]> created = new TreeMap<>();
        Matcher create = DEV_CREATE.matcher(script);
        while (create.find()) {
            created.put(create.group(1), new String[] {create.group(2), create.group(3)});
        }

        assertThat(created.keySet()).containsExactlyInAnyOrderElementsOf(
                Project.services().stream().map(ServiceModule::database).toList());
        for (ServiceModule service : Project.services()) {
            Container serviceContainer = Manifests.container(dev.deployment(service));
            String[] credentials = created.get(service.database());
            assertThat(fromSecrets.get(credentials[0])).as(service.database() + " owner")
                    .isEqualTo(secretKey(serviceContainer, "SPRING_DATASOURCE_USERNAME"));
            assertThat(fromSecrets.get(credentials[1])).as(service.database() + " password")
                    .isEqualTo(secretKey(serviceContainer, "SPRING_DATASOURCE_PASSWORD"));
        }
    }

    @Test
    void prodCreatesEachServicesDatabaseOwnedByARoleWithThePasswordOfItsSecret() {
        Manifests prod = Manifests.of(Manifests.PROD);
        JsonNode cluster = prod.customResource("Cluster");
        JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");
        Map<String, String> owners = new TreeMap<>();
        owners.put(initdb.path("database").asString(), initdb.path("owner").asString());
        for (JsonNode statement : initdb.path("postInitSQL")) {
            Matcher create = CREATE_DATABASE.matcher(statement.asString());
            if (create.find()) {
                owners.put(create.group(1), create.group(2));
            }
        }
        Map<String, String> passwords = new HashMap<>();
        for (JsonNode role : cluster.path("spec").path("managed").path("roles")) {
            if (role.path("login").asBoolean() && role.path("ensure").asString("present").equals("present")) {
                passwords.put(role.path("name").asString(), role.path("passwordSecret").path("name").asString());
            }
        }

        assertThat(cluster.path("spec").path("instances").asInt()).isEqualTo(3);
        assertThat(owners.keySet()).containsExactlyInAnyOrderElementsOf(
                Project.services().stream().map(ServiceModule::database).toList());
        for (ServiceModule service : Project.services()) {
            Container container = Manifests.container(prod.deployment(service));
            String secret = secretKey(container, "SPRING_DATASOURCE_PASSWORD").getName();
            assertThat(passwords.get(owners.get(service.database()))).as(service.database() + " owner's password")
                    .isEqualTo(secret);
            URI url = jdbcUrl(prod, service);
            assertThat(url.getHost()).as("the primary").isEqualTo(cluster.path("metadata").path("name").asString()
                    + "-rw");
            assertThat(url.getPort()).isEqualTo(5432);
        }
        assertThat(initdb.path("secret").path("name").asString())
                .isEqualTo(passwords.get(initdb.path("owner").asString()));
    }

    @Test
    void devServerAcceptsTheConnectionsEveryInstanceMayOpen() {
        Manifests dev = Manifests.of(Manifests.DEV);
        List<String> args = Manifests.container(dev.get(StatefulSet.class, "postgres").getSpec().getTemplate())
                .getArgs();
        int max = Integer.parseInt(args.get(args.indexOf("-c") + 1).replace("max_connections=", ""));
        assertThat(connections(dev)).isLessThanOrEqualTo(max - RESERVED);
    }

    @Test
    void prodClusterAcceptsTheConnectionsEveryInstanceMayOpen() {
        Manifests prod = Manifests.of(Manifests.PROD);
        int max = prod.customResource("Cluster").path("spec").path("postgresql").path("parameters")
                .path("max_connections").asInt();
        assertThat(connections(prod)).isLessThanOrEqualTo(max - RESERVED);
    }

    /** Connections kept for operators, replication and the operator's own checks. */
    private static final int RESERVED = 20;

    /** Hikari's pool (it keeps every connection open) for each instance, one more instance of each rolling over. */
    private static int connections(Manifests manifests) {
        int connections = 0;
        for (ServiceModule service : Project.services()) {
            Map<String, String> environment = manifests.environment(Manifests.container(manifests.deployment(service)));
            int pool = service.binder(environment).bind("spring.datasource.hikari.maximum-pool-size", Integer.class)
                    .orElse(10);
            int instances = manifests.get(HorizontalPodAutoscaler.class, service.module()).getSpec().getMaxReplicas();
            connections += (instances + 1) * pool;
        }
        return connections;
    }

    private static String initScript(Manifests dev, StatefulSet postgres, Container container) {
        String mount = container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/docker-entrypoint-initdb.d")).findFirst()
                .orElseThrow(() -> new AssertionError("no init scripts mounted")).getName();
        Volume volume = postgres.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount)).findFirst().orElseThrow();
        Map<String, String> scripts = dev.get(ConfigMap.class, volume.getConfigMap().getName()).getData();
        assertThat(scripts.keySet()).allMatch(name -> name.endsWith(".sh") || name.endsWith(".sql"));
        return String.join("\n", scripts.values());
    }

    private static URI jdbcUrl(Manifests manifests, ServiceModule service) {
        String url = manifests.environment(Manifests.container(manifests.deployment(service)))
                .get("SPRING_DATASOURCE_URL");
        assertThat(url).as(service.module()).startsWith("jdbc:");
        return URI.create(url.substring("jdbc:".length()));
    }

    private static SecretKeySelector secretKey(Container container, String variable) {
        return container.getEnv().stream().filter(v -> v.getName().equals(variable)).findFirst()
                .map(v -> v.getValueFrom().getSecretKeyRef())
                .orElseThrow(() -> new AssertionError(variable + " is not set from a Secret"));
    }
}
