package io.bourse.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The project the manifests must agree with, read from its sources: the services (the modules named *-service), their
 * configuration, the version and the image names Jib gives them. The build passes the root, version and image prefix.
 */
final class Project {

    private static final Pattern SERVICE_MODULE = Pattern.compile("<module>([a-z-]+-service)</module>");

    private Project() {
    }

    static Path root() {
        Path root = Path.of(property("bourse.root")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("k8s"))) {
            throw new IllegalStateException("bourse.root (" + root + ") is not the project's root: it has no k8s/");
        }
        return root;
    }

    static String version() {
        return property("bourse.version");
    }

    /** The Kafka version the build uses, and so the tag of the locally built broker image. */
    static String kafkaVersion() {
        return property("bourse.kafka-version");
    }

    /** The name Jib gives a service's image (the parent POM's jib-maven-plugin configuration). */
    static String image(String module) {
        return property("bourse.image-prefix") + "/" + module + ":" + version();
    }

    static List<ServiceModule> services() {
        Matcher modules = SERVICE_MODULE.matcher(read(root().resolve("pom.xml")));
        List<ServiceModule> services = new ArrayList<>();
        while (modules.find()) {
            services.add(new ServiceModule(modules.group(1)));
        }
        if (services.isEmpty()) {
            throw new IllegalStateException("the parent POM lists no *-service module");
        }
        return services;
    }

    static ServiceModule service(String module) {
        return services().stream().filter(service -> service.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service module " + module));
    }

    /** Settings every service shares, added after a service's own (PlatformDefaults). */
    static List<PropertySource<?>> platformDefaults() {
        return yaml(root().resolve("service-platform/src/main/resources/bourse-platform-defaults.yml"));
    }

    static List<PropertySource<?>> yaml(Path file) {
        try {
            return new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new IllegalStateException("system property " + name + " is not set (" + value + "): the module's"
                    + " surefire configuration passes it; run the tests through Maven");
        }
        return value;
    }
}
