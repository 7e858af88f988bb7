package io.bourse.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The log format a service writes, seen from outside its process: a JVM of its own on the platform's classpath, with
 * Spring Boot's own logging set-up (the test logging configuration that the embedded servers' library carries is left
 * off its classpath, as it is off a service's).
 */
class StructuredLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void logFormatJsonWritesOneJsonObjectPerLineNamingTheServiceAndTheTrace() throws Exception {
        Run run = run(Map.of("LOG_FORMAT", "json"));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.logLines()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            assertThat(line.path("service").path("name").asText()).isEqualTo("logging-probe");
        });
        JsonNode inside = only(lines, "inside a span");
        assertThat(inside.path("traceId").asText()).isEqualTo(run.traceId());
        assertThat(inside.path("spanId").asText()).isEqualTo(run.spanId());
        JsonNode outside = only(lines, "outside any span");
        assertThat(outside.has("traceId")).isFalse();
        JsonNode failure = only(lines, "a failure");
        assertThat(failure.path("error").path("stack_trace").asText()).contains("it broke");
    }

    @Test
    void plainTextStaysTheDefaultAndStillNamesTheTrace() throws Exception {
        Run run = run(Map.of());

        assertThat(run.logLines()).isNotEmpty().noneMatch(line -> line.startsWith("{"));
        assertThat(run.logLines()).filteredOn(line -> line.contains("inside a span")).singleElement()
                .asString().contains(run.traceId()).contains(run.spanId());
    }

    private static JsonNode only(List<JsonNode> lines, String message) {
        List<JsonNode> matching = lines.stream().filter(line -> message.equals(line.path("message").asText()))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private record Run(List<String> logLines, String traceId, String spanId) {
    }

    private static Run run(Map<String, String> environment) throws IOException, InterruptedException {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("embedded-infrastructure"))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classpath, LoggingApplication.class.getName())
                .redirectErrorStream(true);
        builder.environment().remove("LOG_FORMAT");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<String> logLines = new ArrayList<>();
        String[] span = null;
        for (String line : output.split("\n")) {
            if (line.startsWith(LoggingApplication.SPAN_MARKER)) {
                span = line.substring(LoggingApplication.SPAN_MARKER.length()).trim().split(" ");
            } else if (!line.isBlank() && !line.startsWith("\t") && !line.startsWith("java.lang.")) {
                logLines.add(line);
            }
        }
        assertThat(span).as(output).isNotNull();
        return new Run(logLines, span[0], span[1]);
    }
}
