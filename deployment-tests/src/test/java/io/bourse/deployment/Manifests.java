package io.bourse.deployment;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** A kustomization as kubectl renders it, rendered once per test run, with the lookups the tests share. */
final class Manifests {

    static final List<String> OVERLAYS = List.of("k8s/overlays/dev", "k8s/overlays/prod");
    static final String DEV = OVERLAYS.get(0);
    static final String PROD = OVERLAYS.get(1);

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private final String path;
    private final List<JsonNode> objects;
    private final Duration renderTime;

    private Manifests(String path, List<JsonNode> objects, Duration renderTime) {
        this.path = path;
        this.objects = objects;
        this.renderTime = renderTime;
    }

    static Manifests of(String path) {
        return RENDERED.computeIfAbsent(path, p -> {
            long start = System.nanoTime();
            List<JsonNode> objects = Kustomize.render(Project.root().resolve(p));
            return new Manifests(p, objects, Duration.ofNanos(System.nanoTime() - start));
        });
    }

    String path() {
        return path;
    }

    List<JsonNode> objects() {
        return objects;
    }

    Duration renderTime() {
        return renderTime;
    }

    /** Every built-in object of a kind, read strictly (see {@link KubernetesModel}). */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        String kind = type.getSimpleName();
        return objects.stream().filter(KubernetesModel::isBuiltIn)
                .filter(object -> object.path("kind").asString("").equals(kind))
                .map(object -> KubernetesModel.read(object, type)).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(path + " has no " + type.getSimpleName()
                + " named " + name));
    }

    List<JsonNode> customResources(String kind) {
        return objects.stream().filter(object -> !KubernetesModel.isBuiltIn(object))
                .filter(object -> object.path("kind").asString("").equals(kind)).toList();
    }

    JsonNode customResource(String kind) {
        List<JsonNode> found = customResources(kind);
        if (found.size() != 1) {
            throw new AssertionError(path + " has " + found.size() + " " + kind + " resources, not one");
        }
        return found.get(0);
    }

    Deployment deployment(ServiceModule service) {
        return get(Deployment.class, service.module());
    }

    /** The one container of a pod template. */
    static Container container(PodTemplateSpec template) {
        List<Container> containers = template.getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError("a pod of " + containers.size() + " containers, not one");
        }
        return containers.get(0);
    }

    static Container container(Deployment deployment) {
        return container(deployment.getSpec().getTemplate());
    }

    /**
     * The environment a container starts with: the ConfigMaps it reads whole, then its own variables, later ones
     * winning as in Kubernetes. A value from a Secret stands as {@code secret:<name>/<key>}.
     */
    Map<String, String> environment(Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() == null) {
                throw new AssertionError(container.getName() + " reads variables from something else than a"
                        + " ConfigMap: " + source);
            }
            environment.putAll(get(ConfigMap.class, source.getConfigMapRef().getName()).getData());
        }
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValueFrom() == null) {
                environment.put(variable.getName(), variable.getValue());
            } else if (variable.getValueFrom().getSecretKeyRef() != null) {
                SecretKeySelector secret = variable.getValueFrom().getSecretKeyRef();
                environment.put(variable.getName(), "secret:" + secret.getName() + "/" + secret.getKey());
            } else {
                environment.put(variable.getName(), "from:" + variable.getValueFrom());
            }
        }
        return environment;
    }

    /** The name an object had before kustomize's generators added the hash of its content. */
    static String generatorName(String name) {
        return name.replaceFirst("-[2456789bcdfghkmt]{10}$", "");
    }
}
