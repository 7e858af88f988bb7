package io.bourse.deployment;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Built-in objects read into fabric8's Kubernetes model as strictly as the API server's field validation reads them:
 * a field the model does not know is an error. fabric8's classes keep unknown fields in an "additional properties"
 * map instead, so that catch-all is taken off every model class before Jackson builds its deserializer.
 */
final class KubernetesModel {

    /** The built-in kinds the manifests may use, by apiVersion and kind. Anything else is refused. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(new SimpleModule("strict-kubernetes-model").setDeserializerModifier(new NoCatchAll()))
            .build();

    private KubernetesModel() {
    }

    /** Built-in API groups have no dot in their name (apps, policy); those of custom resources do. */
    static boolean isBuiltIn(JsonNode object) {
        String apiVersion = object.path("apiVersion").asString("");
        return !apiVersion.contains("/") || !apiVersion.substring(0, apiVersion.indexOf('/')).contains(".");
    }

    static HasMetadata read(JsonNode object) {
        String key = object.path("apiVersion").asString("") + "/" + object.path("kind").asString("");
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new IllegalArgumentException("no model for " + key + " (known: " + KINDS.keySet() + ")");
        }
        return read(object, type);
    }

    static <T> T read(JsonNode object, Class<T> type) {
        return STRICT.treeToValue(object, type);
    }

    /** A custom resource's metadata is validated by the API server as any object's is. */
    static ObjectMeta metadata(JsonNode object) {
        return read(object.path("metadata"), ObjectMeta.class);
    }

    private static final class NoCatchAll extends ValueDeserializerModifier {

        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription.Supplier bean,
                                                     BeanDeserializerBuilder builder) {
            if (bean.getBeanClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
                builder.setAnySetter(null);
                builder.setIgnoreUnknownProperties(false);
            }
            return builder;
        }
    }
}
