package io.bourse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every pod an overlay runs meets the restricted Pod Security Standard, which the dev namespace enforces (its pods
 * would be refused otherwise) and the prod namespace reports.
 */
class PodSecurityTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    private static final JsonMapper JSON = new JsonMapper();

    private static final List<String> RESTRICTED_VOLUMES = List.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    @Test
    void devEnforcesTheRestrictedStandardAndProdReportsIt() {
        assertThat(namespaceLabels(Manifests.DEV)).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(namespaceLabels(Manifests.PROD)).containsEntry("pod-security.kubernetes.io/warn", "restricted")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted")
                .containsEntry("pod-security.kubernetes.io/enforce", "baseline");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPodMeetsTheRestrictedStandard(String overlay) {
        List<String> violations = new ArrayList<>();
        pods(Manifests.of(overlay)).forEach((name, pod) -> violations.addAll(restrictedViolations(name, pod.getSpec())));
        assertThat(pods(Manifests.of(overlay))).isNotEmpty();
        assertThat(violations).isEmpty();
    }

    /** The rules of the restricted profile (kubernetes.io/docs/concepts/security/pod-security-standards). */
    private static List<String> restrictedViolations(String pod, PodSpec spec) {
        List<String> violations = new ArrayList<>();
        PodSecurityContext podSecurity = Objects.requireNonNullElseGet(spec.getSecurityContext(),
                PodSecurityContext::new);
        if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID())
                || Boolean.TRUE.equals(spec.getHostIPC())) {
            violations.add(pod + " shares a host namespace");
        }
        for (Volume volume : spec.getVolumes()) {
            // A volume's one field besides its name is its type.
            List<String> types = JSON.valueToTree(volume).propertyNames().stream().filter(f -> !f.equals("name"))
                    .toList();
            if (!RESTRICTED_VOLUMES.containsAll(types)) {
                violations.add(pod + " volume " + volume.getName() + " is of a type the profile refuses: " + types);
            }
        }
        for (Container container : Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream())
                .toList()) {
            String name = pod + "/" + container.getName();
            SecurityContext security = Objects.requireNonNullElseGet(container.getSecurityContext(),
                    SecurityContext::new);
            if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                violations.add(name + " may escalate privileges");
            }
            if (Boolean.TRUE.equals(security.getPrivileged())) {
                violations.add(name + " is privileged");
            }
            if (security.getCapabilities() == null || !security.getCapabilities().getDrop().contains("ALL")
                    || security.getCapabilities().getAdd().stream().anyMatch(c -> !c.equals("NET_BIND_SERVICE"))) {
                violations.add(name + " keeps capabilities");
            }
            if (!Boolean.TRUE.equals(first(security.getRunAsNonRoot(), podSecurity.getRunAsNonRoot()))) {
                violations.add(name + " may run as root");
            }
            Long user = first(security.getRunAsUser(), podSecurity.getRunAsUser());
            if (user != null && user == 0) {
                violations.add(name + " runs as user 0");
            }
            SeccompProfile seccomp = first(security.getSeccompProfile(), podSecurity.getSeccompProfile());
            if (seccomp == null || !List.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
                violations.add(name + " has no seccomp profile");
            }
        }
        return violations;
    }

    private static Map<String, PodTemplateSpec> pods(Manifests manifests) {
        Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
        manifests.all(Deployment.class).forEach(d -> pods.put("Deployment " + d.getMetadata().getName(),
                d.getSpec().getTemplate()));
        manifests.all(StatefulSet.class).forEach(s -> pods.put("StatefulSet " + s.getMetadata().getName(),
                s.getSpec().getTemplate()));
        return pods;
    }

    private static Map<String, String> namespaceLabels(String overlay) {
        List<Namespace> namespaces = Manifests.of(overlay).all(Namespace.class);
        assertThat(namespaces).hasSize(1);
        return namespaces.get(0).getMetadata().getLabels();
    }

    private static <T> T first(T container, T pod) {
        return container != null ? container : pod;
    }
}
