package io.bourse.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.bourse.platform.messaging.MessagingProperties;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;

/** Each service's Deployment, Service, PodDisruptionBudget and autoscaler, in each overlay, against the service. */
class ServiceDeploymentTest {

    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";

    /**
     * Services two instances of which would get in each other's way (k8s/base says how): order-service's REST
     * commands go to its own cached order books, settlement-service's deadlines to any instance's cached sagas.
     */
    private static final Set<String> SINGLE_INSTANCE = Set.of("order-service", "settlement-service");

    static Stream<Arguments> deployments() {
        return Manifests.OVERLAYS.stream().flatMap(overlay -> Project.services().stream()
                .map(service -> Arguments.of(overlay, service.module())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void runsTheImageJibBuildsForTheService(String overlay, String module) {
        assertThat(container(overlay, module).getImage()).isEqualTo(Project.image(module));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void listensOnTheServicesPortNamedHttpBehindItsService(String overlay, String module) {
        ServiceModule service = Project.service(module);
        Manifests manifests = Manifests.of(overlay);
        Deployment deployment = manifests.deployment(service);
        Container container = Manifests.container(deployment);
        int port = service.defaultPort();

        assertThat(container.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .containsExactly(tuple("http", port));
        assertThat(service.binder(manifests.environment(container)).bind("server.port", Integer.class).get())
                .as("server.port with the container's environment").isEqualTo(port);

        Service front = manifests.get(Service.class, module);
        assertThat(front.getSpec().getType()).isIn(null, "ClusterIP");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(front.getSpec().getSelector());
        assertThat(front.getSpec().getPorts()).singleElement().satisfies(servicePort -> {
            assertThat(servicePort.getName()).isEqualTo("http");
            assertThat(servicePort.getPort()).isEqualTo(port);
            assertThat(targets(servicePort)).isIn("http", String.valueOf(port));
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void probesActuatorsHealthGroupsOnThatPort(String overlay, String module) {
        ServiceModule service = Project.service(module);
        Manifests manifests = Manifests.of(overlay);
        Container container = container(overlay, module);
        Binder binder = service.binder(manifests.environment(container));

        assertThat(binder.bind("management.endpoint.health.probes.enabled", Boolean.class).orElse(false))
                .as("actuator's liveness and readiness groups are on").isTrue();
        assertThat(binder.bind("management.server.port", Integer.class).isBound())
                .as("actuator on a port of its own").isFalse();
        assertThat(binder.bind("management.endpoints.web.base-path", String.class).orElse("/actuator"))
                .isEqualTo("/actuator");
        assertThat(binder.bind("management.endpoints.web.exposure.include", String[].class).orElse(new String[0]))
                .containsAnyOf("health", "*");

        assertHttpGet(container.getStartupProbe(), LIVENESS, service);
        assertHttpGet(container.getLivenessProbe(), LIVENESS, service);
        assertHttpGet(container.getReadinessProbe(), READINESS, service);
        Probe startup = container.getStartupProbe();
        assertThat(startup.getFailureThreshold() * startup.getPeriodSeconds())
                .as("seconds a slow start may take before liveness applies").isGreaterThanOrEqualTo(120);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void runsAsNonRootWithoutPrivilegesOnAReadOnlyRoot(String overlay, String module) {
        PodSpec pod = Manifests.of(overlay).deployment(Project.service(module)).getSpec().getTemplate().getSpec();
        Container container = container(overlay, module);
        PodSecurityContext podSecurity = pod.getSecurityContext();
        SecurityContext security = container.getSecurityContext();

        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isPositive();
        assertThat(podSecurity.getRunAsGroup()).isPositive();
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isEmpty();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();

        VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at /tmp"));
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(tmp.getName())).singleElement()
                .extracting(Volume::getEmptyDir).isNotNull();
        assertThat(tmp.getReadOnly()).isNotEqualTo(Boolean.TRUE);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void sizesTheHeapFromAMemoryLimitItNeverGivesBack(String overlay, String module) {
        Manifests manifests = Manifests.of(overlay);
        Container container = container(overlay, module);
        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();

        assertThat(requests).containsKeys("cpu", "memory");
        assertThat(limits).containsKeys("cpu", "memory");
        assertThat(Quantity.getAmountInBytes(requests.get("memory")))
                .isEqualByComparingTo(Quantity.getAmountInBytes(limits.get("memory")));
        assertThat(Quantity.getAmountInBytes(requests.get("cpu")))
                .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get("cpu")));
        String jvm = manifests.environment(container).get("JAVA_TOOL_OPTIONS");
        assertThat(jvm).as("JAVA_TOOL_OPTIONS").contains("-XX:MaxRAMPercentage=").doesNotContain("-Xmx", "-Xms");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void setsOnlyVariablesThatBindToAPropertyOfTheService(String overlay, String module) {
        ServiceModule service = Project.service(module);
        KnownProperties known = KnownProperties.of(service);
        Map<String, String> environment = Manifests.of(overlay).environment(container(overlay, module));
        List<String> unbound = new ArrayList<>();
        for (String variable : environment.keySet()) {
            // Read by the JVM itself, before Spring starts.
            if (!variable.equals("JAVA_TOOL_OPTIONS") && known.bound(variable).isEmpty()) {
                unbound.add(variable);
            }
        }
        assertThat(unbound).as("variables no property of " + module + " takes").isEmpty();
        assertThat(environment).containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                "SPRING_DATASOURCE_PASSWORD", "SPRING_KAFKA_BOOTSTRAP_SERVERS", "PORT");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void takesItsDatabaseCredentialsFromItsOwnSecretOnly(String overlay, String module) {
        Manifests manifests = Manifests.of(overlay);
        Container container = container(overlay, module);
        String secret = "bourse-" + module.replace("-service", "") + "-db";
        SecretKeySelector username = secretKey(container, "SPRING_DATASOURCE_USERNAME");
        SecretKeySelector password = secretKey(container, "SPRING_DATASOURCE_PASSWORD");

        assertThat(Manifests.generatorName(username.getName())).isEqualTo(secret);
        assertThat(username.getKey()).isEqualTo("username");
        assertThat(password.getName()).isEqualTo(username.getName());
        assertThat(password.getKey()).isEqualTo("password");
        if (overlay.equals(Manifests.DEV)) {
            assertThat(manifests.get(Secret.class, username.getName()).getData()).containsKeys("username", "password");
        } else {
            assertThat(manifests.all(Secret.class)).as("production credentials kept out of the manifests").isEmpty();
        }
        for (EnvFromSource from : container.getEnvFrom()) {
            assertThat(manifests.get(ConfigMap.class, from.getConfigMapRef().getName()).getData().keySet())
                    .noneMatch(ServiceDeploymentTest::looksSecret);
        }
        assertThat(container.getEnv()).filteredOn(variable -> looksSecret(variable.getName()))
                .allSatisfy(variable -> assertThat(variable.getValueFrom()).isNotNull());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void mayLoseOnePodToADrainAndIsScaledByItsAutoscalerAlone(String overlay, String module) {
        Manifests manifests = Manifests.of(overlay);
        Deployment deployment = manifests.deployment(Project.service(module));
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        HorizontalPodAutoscaler autoscaler = manifests.get(HorizontalPodAutoscaler.class, module);
        PodDisruptionBudget budget = manifests.get(PodDisruptionBudget.class, module);

        assertThat(deployment.getSpec().getReplicas()).as("replicas are the autoscaler's to set").isNull();
        assertThat(autoscaler.getSpec().getScaleTargetRef()).satisfies(target -> {
            assertThat(target.getApiVersion()).isEqualTo("apps/v1");
            assertThat(target.getKind()).isEqualTo("Deployment");
            assertThat(target.getName()).isEqualTo(module);
        });
        assertThat(autoscaler.getSpec().getMetrics()).extracting(MetricSpec::getType, m -> m.getResource().getName(),
                m -> m.getResource().getTarget().getType())
                .containsExactly(tuple("Resource", "cpu", "Utilization"));

        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(budget.getSpec().getSelector()
                .getMatchLabels());
        int fewest = autoscaler.getSpec().getMinReplicas();
        IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        assertThat(maxUnavailable == null ? fewest - minAvailable.getIntVal() : maxUnavailable.getIntVal())
                .as("pods a drain may take at once").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void isNeverRunTwiceWhereTwoInstancesAreUnsafe(String overlay, String module) {
        Manifests manifests = Manifests.of(overlay);
        HorizontalPodAutoscaler autoscaler = manifests.get(HorizontalPodAutoscaler.class, module);
        Deployment deployment = manifests.deployment(Project.service(module));
        if (SINGLE_INSTANCE.contains(module)) {
            assertThat(autoscaler.getSpec().getMaxReplicas()).isEqualTo(1);
            assertThat(deployment.getSpec().getStrategy().getType()).as("no overlap while it rolls over")
                    .isEqualTo("Recreate");
        } else if (overlay.equals(Manifests.PROD)) {
            assertThat(autoscaler.getSpec().getMinReplicas()).as("instances, so that one may go").isGreaterThan(1);
        }
        if (overlay.equals(Manifests.DEV)) {
            assertThat(autoscaler.getSpec().getMinReplicas()).isEqualTo(1);
            assertThat(autoscaler.getSpec().getMaxReplicas()).as("one instance of each").isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("deployments")
    void hasNoMoreInstancesThanItsCommandTopicHasPartitionsForTheirConsumers(String overlay, String module) {
        Manifests manifests = Manifests.of(overlay);
        Container container = container(overlay, module);
        MessagingProperties messaging = Project.service(module).messaging(manifests.environment(container));
        int instances = manifests.get(HorizontalPodAutoscaler.class, module).getSpec().getMaxReplicas();
        assertThat(instances * messaging.getCommandConcurrency()).as("consumers of the command topic")
                .isLessThanOrEqualTo(messaging.getPartitions());
    }

    private static Container container(String overlay, String module) {
        return Manifests.container(Manifests.of(overlay).deployment(Project.service(module)));
    }

    private static void assertHttpGet(Probe probe, String path, ServiceModule service) {
        assertThat(probe).as("probe on " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        IntOrString port = probe.getHttpGet().getPort();
        assertThat(port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal()))
                .isIn("http", String.valueOf(service.defaultPort()));
    }

    private static String targets(ServicePort port) {
        IntOrString target = port.getTargetPort();
        return target.getStrVal() != null ? target.getStrVal() : String.valueOf(target.getIntVal());
    }

    private static SecretKeySelector secretKey(Container container, String variable) {
        EnvVar found = container.getEnv().stream().filter(v -> v.getName().equals(variable)).findFirst()
                .orElseThrow(() -> new AssertionError(variable + " is not set from a Secret"));
        assertThat(found.getValueFrom()).as(variable + " from a Secret").isNotNull();
        return found.getValueFrom().getSecretKeyRef();
    }

    private static boolean looksSecret(String variable) {
        return variable.contains("PASSWORD") || variable.contains("SECRET") || variable.contains("TOKEN");
    }
}
