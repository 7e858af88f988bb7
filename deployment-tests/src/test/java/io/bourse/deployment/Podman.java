package io.bourse.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Podman as the container engine of the deployment tests: its CLI, and its Docker-compatible API on a socket of
 * its own, which docker-compose drives. Podman needs the project's {@code containers.conf} on machines without
 * systemd, and health checks run only when something asks for them, so {@link #runHealthChecks} does.
 */
final class Podman implements AutoCloseable {

    private static final Path CONTAINERS_CONF = Project.root().resolve("deploy/podman/containers.conf");

    private final Path socket;
    private final Process service;

    private Podman(Path socket, Process service) {
        this.socket = socket;
        this.service = service;
    }

    static boolean available() {
        return onPath("podman") && onPath("docker-compose") && onPath("debootstrap");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Starts podman's API service on a fresh socket. */
    static Podman start(Path workDir) throws Exception {
        Path socket = workDir.resolve("podman.sock");
        ProcessBuilder builder = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
                .redirectErrorStream(true).redirectOutput(workDir.resolve("podman-service.log").toFile());
        builder.environment().put("CONTAINERS_CONF", CONTAINERS_CONF.toString());
        Process service = builder.start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(100);
        }
        if (!Files.exists(socket)) {
            service.destroy();
            throw new IllegalStateException("podman's API socket did not appear; see " + workDir);
        }
        return new Podman(socket, service);
    }

    /** The environment docker-compose needs to talk to this podman. */
    Map<String, String> dockerEnvironment() {
        return Map.of("DOCKER_HOST", "unix://" + socket, "CONTAINERS_CONF", CONTAINERS_CONF.toString());
    }

    /** Runs the health check of every running container of a compose project once. */
    void runHealthChecks(String project) {
        for (String container : podman("ps", "--filter", "label=com.docker.compose.project=" + project, "--format",
                "{{.Names}}").lines().toList()) {
            run(Duration.ofSeconds(30), false, "podman", "healthcheck", "run", container);
        }
    }

    /** Each container of the project with its health: starting, healthy or unhealthy. */
    Map<String, String> health(String project) {
        Map<String, String> health = new LinkedHashMap<>();
        podman("ps", "-a", "--filter", "label=com.docker.compose.project=" + project, "--format",
                "{{.Names}} {{.Status}}").lines().forEach(line -> {
                    int space = line.indexOf(' ');
                    String status = line.substring(space + 1);
                    health.put(line.substring(0, space), status.contains("(healthy)") ? "healthy"
                            : status.contains("(unhealthy)") ? "unhealthy"
                            : status.startsWith("Up") ? "starting" : status);
                });
        return health;
    }

    static String podman(String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return run(Duration.ofMinutes(10), true, command.toArray(String[]::new));
    }

    /** Runs a command to its end and returns what it printed; a failure is an exception when {@code check} is set. */
    static String run(Duration timeout, boolean check, String... command) {
        return run(timeout, check, Map.of(), command);
    }

    static String run(Duration timeout, boolean check, Map<String, String> environment, String... command) {
        Map<String, String> withConfiguration = new HashMap<>(Map.of("CONTAINERS_CONF", CONTAINERS_CONF.toString()));
        withConfiguration.putAll(environment);
        Commands.Result result;
        try {
            result = Commands.run(timeout, withConfiguration, command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (check && result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exit() + "):\n"
                    + result.out() + result.err());
        }
        return result.out();
    }

    @Override
    public void close() {
        service.destroy();
        try {
            service.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
