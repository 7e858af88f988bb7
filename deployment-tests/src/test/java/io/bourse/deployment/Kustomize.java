package io.bourse.deployment;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Renders a kustomization the way it is applied, with {@code kubectl kustomize} (kustomize built into kubectl). */
final class Kustomize {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final YAMLMapper YAML = new YAMLMapper();

    private static boolean versionChecked;

    private Kustomize() {
    }

    static String kubectl() {
        String kubectl = System.getenv("KUBECTL");
        return kubectl == null || kubectl.isBlank() ? "kubectl" : kubectl;
    }

    static List<JsonNode> render(Path kustomization) {
        requireKustomize5();
        return parse(run(kubectl(), "kustomize", kustomization.toString()));
    }

    /** k8s/ uses kustomize 5's fields (labels, patches by label selector); an older kubectl renders it otherwise. */
    private static synchronized void requireKustomize5() {
        if (versionChecked) {
            return;
        }
        String versions = run(kubectl(), "version", "--client");
        Matcher kustomize = Pattern.compile("Kustomize Version: v(\\d+)\\.").matcher(versions);
        if (!kustomize.find() || Integer.parseInt(kustomize.group(1)) < 5) {
            throw new IllegalStateException("k8s/ needs the kustomize 5 of kubectl 1.27 or later; " + kubectl()
                    + " says:\n" + versions);
        }
        versionChecked = true;
    }

    private static String run(String... command) {
        Commands.Result result;
        try {
            result = Commands.run(TIMEOUT, Map.of(), command);
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is needed to render k8s/ and was not found (" + e.getMessage()
                    + "): install kubectl 1.27 or later, which has kustomize built in, or point KUBECTL at it", e);
        }
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + result.exit() + "):\n"
                    + result.err());
        }
        return result.out();
    }

    static List<JsonNode> parse(String yaml) {
        return YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
                .filter(node -> node != null && !node.isNull() && !node.isMissingNode()).toList();
    }
}
