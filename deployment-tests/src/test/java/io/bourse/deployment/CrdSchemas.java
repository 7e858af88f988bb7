package io.bourse.deployment;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CRDs of the operators the production overlay targets (src/test/resources/crds), and a validator per custom
 * resource kind built from the openAPIV3Schema of the version each CRD serves. The API server refuses fields a
 * structural schema does not declare (kubectl's default strict field validation); a JSON schema allows them unless
 * told otherwise, so every object schema that declares its properties, and does not preserve unknown fields, is
 * closed with {@code additionalProperties: false} before use. CEL rules (x-kubernetes-validations) are not evaluated.
 */
final class CrdSchemas {

    /** Kubernetes' own keywords: they steer the API server's merging and CEL, not what a value may be. */
    private static final List<String> KUBERNETES_KEYWORDS = List.of("x-kubernetes-int-or-string",
            "x-kubernetes-list-map-keys", "x-kubernetes-list-type", "x-kubernetes-map-type",
            "x-kubernetes-preserve-unknown-fields", "x-kubernetes-validations", "x-kubernetes-embedded-resource");

    private static final CrdSchemas INSTANCE = load();

    private final Map<String, Schema> byApiVersionAndKind;

    private CrdSchemas(Map<String, Schema> byApiVersionAndKind) {
        this.byApiVersionAndKind = byApiVersionAndKind;
    }

    static CrdSchemas get() {
        return INSTANCE;
    }

    boolean knows(String apiVersion, String kind) {
        return byApiVersionAndKind.containsKey(apiVersion + "/" + kind);
    }

    /** What the API server would refuse in this object, apart from its metadata; empty when it would take it. */
    List<String> problems(JsonNode object) {
        String key = object.path("apiVersion").asString("") + "/" + object.path("kind").asString("");
        Schema schema = byApiVersionAndKind.get(key);
        if (schema == null) {
            return List.of("no CRD serves " + key + " (served: " + byApiVersionAndKind.keySet() + ")");
        }
        return schema.validate(object).stream().map(Error::toString).toList();
    }

    private static CrdSchemas load() {
        // A CRD's schema is an OpenAPI 3.0 schema object (JSON schema draft 4 with nullable, example, ...).
        Dialect.Builder dialect = Dialect.builder(Dialects.getOpenApi30());
        KUBERNETES_KEYWORDS.forEach(keyword -> dialect.keyword(new NonValidationKeyword(keyword)));
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect.build());
        Map<String, Schema> schemas = new HashMap<>();
        try (Stream<Path> files = Files.walk(Path.of(CrdSchemas.class.getResource("/crds").toURI()))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode crd : Kustomize.parse(Files.readString(file))) {
                    String group = crd.path("spec").path("group").asString();
                    String kind = crd.path("spec").path("names").path("kind").asString();
                    for (JsonNode version : crd.path("spec").path("versions")) {
                        if (version.path("served").asBoolean()) {
                            JsonNode schema = closed(version.path("schema").path("openAPIV3Schema").deepCopy());
                            schemas.put(group + "/" + version.path("name").asString() + "/" + kind,
                                    registry.getSchema(schema));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CRDs", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (schemas.isEmpty()) {
            throw new IllegalStateException("no CRD under src/test/resources/crds");
        }
        return new CrdSchemas(Map.copyOf(schemas));
    }

    private static JsonNode closed(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            object.path("properties").values().forEach(CrdSchemas::closed);
            Stream.of("items", "additionalProperties", "not").map(object::path).forEach(CrdSchemas::closed);
            Stream.of("allOf", "anyOf", "oneOf").map(object::path).forEach(list -> list.values()
                    .forEach(CrdSchemas::closed));
        }
        return schema;
    }
}
