package io.bourse.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is needed to render k8s/ and was not found (" + e.getMessage()
                    + "): install kubectl 1.27 or later, which has kustomize built in, or point KUBECTL at it", e);
        }
        String shown = String.join(" ", command);
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(shown + " took more than " + TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(shown + " failed (exit " + process.exitValue() + "):\n"
                        + stderr.join());
            }
            return stdout.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + shown, e);
        }
    }

    static List<JsonNode> parse(String yaml) {
        return YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
                .filter(node -> node != null && !node.isNull() && !node.isMissingNode()).toList();
    }

    private static String drain(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
