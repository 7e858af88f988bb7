package io.bourse.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration properties an environment variable may set: Spring Boot's, from the configuration metadata of
 * the Boot modules the services run on (on this module's classpath through service-platform), and the project's
 * own, read from the services' and the platform's sources ({@code @ConfigurationProperties} classes and records,
 * {@code @Value} placeholders), and the placeholders of the services' yml (PORT).
 */
final class KnownProperties {

    private static final Pattern VALUE_PLACEHOLDER = Pattern.compile("@Value\\(\"\\$\\{([A-Za-z0-9.\\-]+)[:}]");
    private static final Pattern PROPERTIES_PREFIX = Pattern.compile("@ConfigurationProperties\\(\"([a-z0-9.\\-]+)\"\\)");
    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+\\w+\\s*\\(");
    private static final Pattern FIELD = Pattern.compile(
            "^\\s*private\\s+(?!static\\b)(?:final\\s+)?[\\w.<>,?\\[\\] ]+?\\s+(\\w+)\\s*[=;]", Pattern.MULTILINE);
    private static final Pattern ANNOTATION = Pattern.compile("@\\w+(\\([^)]*\\))?");
    private static final Pattern NESTED_CLASS = Pattern.compile("\\bstatic\\s+class\\s+(\\w+)[^{]*\\{");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)[:}]");

    private final Set<String> properties;
    private final Set<String> placeholders;

    private KnownProperties(Set<String> properties, Set<String> placeholders) {
        this.properties = Collections.unmodifiableSet(properties);
        this.placeholders = Collections.unmodifiableSet(placeholders);
    }

    static KnownProperties of(ServiceModule service) {
        Set<String> properties = new TreeSet<>(springBoot());
        Set<String> placeholders = new TreeSet<>();
        for (Path sources : List.of(Project.root().resolve("service-platform"), service.sourceRoot())) {
            properties.addAll(declaredIn(sources.resolve("src/main/java")));
        }
        for (PropertySource<?> source : service.ownConfiguration()) {
            for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(source.getProperty(name)));
                while (placeholder.find()) {
                    placeholders.add(placeholder.group(1));
                }
            }
        }
        return new KnownProperties(properties, placeholders);
    }

    /**
     * What a variable sets, by Spring Boot's relaxed binding of the environment (SPRING_KAFKA_BOOTSTRAP_SERVERS sets
     * spring.kafka.bootstrap-servers, BOURSE_MESSAGING_REPLICATION_FACTOR bourse.messaging.replication-factor), or
     * the placeholder it fills.
     */
    Optional<String> bound(String variable) {
        if (placeholders.contains(variable)) {
            return Optional.of("${" + variable + "}");
        }
        return properties.stream().filter(property -> bindsTo(variable, property)).findFirst();
    }

    static boolean bindsTo(String variable, String property) {
        String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
        return variable.equals(upper.replace("-", "")) || variable.equals(upper.replace('-', '_'));
    }

    private static Set<String> springBoot() {
        Set<String> names = new TreeSet<>();
        JsonMapper json = new JsonMapper();
        try {
            for (URL metadata : Collections.list(KnownProperties.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream stream = metadata.openStream()) {
                    for (JsonNode property : json.readTree(stream).path("properties")) {
                        names.add(property.path("name").asString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!names.contains("spring.datasource.url")) {
            throw new IllegalStateException("Spring Boot's configuration metadata is not on the classpath");
        }
        return names;
    }

    private static Set<String> declaredIn(Path sources) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                Matcher value = VALUE_PLACEHOLDER.matcher(code);
                while (value.find()) {
                    names.add(value.group(1));
                }
                Matcher prefix = PROPERTIES_PREFIX.matcher(code);
                if (prefix.find()) {
                    String after = code.substring(prefix.end());
                    Matcher record = RECORD.matcher(after);
                    if (record.find() && after.substring(0, record.start()).indexOf('{') < 0) {
                        components(after.substring(record.end())).forEach(c -> names.add(prefix.group(1) + "." + c));
                    } else {
                        Matcher field = FIELD.matcher(after);
                        while (field.find()) {
                            names.add(prefix.group(1) + "." + kebab(field.group(1)));
                        }
                        names.addAll(nested(prefix.group(1), after));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /**
     * The properties of the nested classes a properties class holds in a field of its own
     * ({@code private Cors cors = new Cors();} and {@code public static class Cors { private List<String>
     * allowedOrigins; }} make {@code <prefix>.cors.allowed-origins}).
     */
    private static List<String> nested(String prefix, String code) {
        List<String> names = new ArrayList<>();
        Matcher nestedClass = NESTED_CLASS.matcher(code);
        List<int[]> bodies = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        while (nestedClass.find()) {
            classNames.add(nestedClass.group(1));
            bodies.add(new int[] {nestedClass.end(), code.length()});
        }
        for (int i = 0; i + 1 < bodies.size(); i++) {
            bodies.get(i)[1] = bodies.get(i + 1)[0];
        }
        for (int i = 0; i < classNames.size(); i++) {
            Matcher holder = Pattern.compile("^\\s*private\\s+" + classNames.get(i) + "\\s+(\\w+)\\s*[=;]",
                    Pattern.MULTILINE).matcher(code);
            if (!holder.find()) {
                continue;
            }
            Matcher field = FIELD.matcher(code.substring(bodies.get(i)[0], bodies.get(i)[1]));
            while (field.find()) {
                names.add(prefix + "." + kebab(holder.group(1)) + "." + kebab(field.group(1)));
            }
        }
        return names;
    }

    /** The components of a record header, from just after its opening parenthesis. */
    private static List<String> components(String header) {
        int depth = 0;
        int end = 0;
        while (depth >= 0) {
            char c = header.charAt(end++);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        String list = ANNOTATION.matcher(header.substring(0, end - 1)).replaceAll("").replaceAll("<[^>]*>", "");
        return Stream.of(list.split(",")).map(String::trim).filter(c -> !c.isEmpty())
                .map(c -> kebab(c.substring(c.lastIndexOf(' ') + 1))).toList();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
