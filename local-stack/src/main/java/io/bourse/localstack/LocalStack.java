package io.bourse.localstack;

import io.bourse.infrastructure.EmbeddedPostgresServer;
import io.bourse.infrastructure.KafkaRaftBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole of Bourse on one machine without Docker: a real PostgreSQL server and a real Kafka broker, both on
 * loopback with their data kept under one folder, the local authorization server, and the three services, each in
 * its own JVM as in production.
 * Stopping it (Ctrl-C) stops the services first, then the broker, then the database.
 */
public final class LocalStack {

    /** A process of the stack; the issuer needs neither the database nor the broker. */
    record Service(String name, int port, boolean usesInfrastructure) {
    }

    /**
     * Three services, PostgreSQL and Kafka share two cores here. The C1 compiler alone reaches compiled code in
     * seconds and then stays idle, where C2 kept a core busy recompiling for minutes; the serial collector needs no
     * concurrent threads for a heap this small. Override with --service-jvm-options.
     */
    static final String SERVICE_JVM_OPTIONS = "-Xss512k -Xms256m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final Path dataDirectory;
    private final Path projectDirectory;
    private final int postgresPort;
    private final int kafkaPort;
    private final List<String> serviceJvmOptions;
    private final List<Process> processes = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private KafkaRaftBroker kafka;

    LocalStack(Path projectDirectory, Path dataDirectory, int postgresPort, int kafkaPort,
               List<String> serviceJvmOptions) {
        this.projectDirectory = projectDirectory;
        this.dataDirectory = dataDirectory;
        this.postgresPort = postgresPort;
        this.kafkaPort = kafkaPort;
        this.serviceJvmOptions = List.copyOf(serviceJvmOptions);
    }

    public static void main(String[] args) throws Exception {
        // The embedded servers' library carries a test logging setup; the launcher speaks with its own.
        System.setProperty("logback.configurationFile", "local-stack-logback.xml");
        Map<String, String> options = Options.parse(args);
        Path project = Path.of(options.getOrDefault("project-dir", ".")).toAbsolutePath().normalize();
        Path data = Path.of(options.getOrDefault("data-dir", project.resolve(".bourse").toString())).toAbsolutePath();
        LocalStack stack = new LocalStack(project, data, Integer.parseInt(options.getOrDefault("postgres-port", "15432")),
                Integer.parseInt(options.getOrDefault("kafka-port", "19092")),
                List.of(options.getOrDefault("service-jvm-options", SERVICE_JVM_OPTIONS).trim().split("\\s+")));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        stack.start(List.of(
                new Service("authorization-server", Integer.parseInt(options.getOrDefault("auth-port", "9000")), false),
                new Service("order-service", Integer.parseInt(options.getOrDefault("order-port", "8081")), true),
                new Service("portfolio-service", Integer.parseInt(options.getOrDefault("portfolio-port", "8082")), true),
                new Service("settlement-service", Integer.parseInt(options.getOrDefault("settlement-port", "8083")), true)));
        Thread.currentThread().join();
    }

    void start(List<Service> services) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Files.createDirectories(dataDirectory.resolve("logs"));
        say("Data folder: " + dataDirectory);
        try {
            postgres = EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"), postgresPort);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("PostgreSQL could not start on " + dataDirectory
                    + "; is another local stack running on the same data folder?", e);
        }
        say("PostgreSQL  jdbc:postgresql://127.0.0.1:" + postgres.port() + "/  (user postgres)");
        kafka = KafkaRaftBroker.start(dataDirectory.resolve("kafka"), kafkaPort);
        say("Kafka       " + kafka.bootstrapServers());
        for (Service service : services) {
            processes.add(launch(service));
        }
        for (Service service : services) {
            awaitHealthy(service);
        }
        say("");
        say("Bourse is up in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s. Ctrl-C stops it.");
        for (Service service : services) {
            if (!service.usesInfrastructure()) {
                say(String.format("  %-19s issuer http://127.0.0.1:%d   a token: curl -s -u alice:alice-secret"
                        + " -d grant_type=client_credentials http://127.0.0.1:%d/oauth2/token", service.name(),
                        service.port(), service.port()));
                continue;
            }
            say(String.format("  %-19s API http://127.0.0.1:%d/api/v1   health http://127.0.0.1:%d/actuator/health"
                            + "   docs http://127.0.0.1:%d/swagger-ui.html", service.name(), service.port(),
                    service.port(), service.port()));
        }
        say("  logs                " + dataDirectory.resolve("logs"));
    }

    private Process launch(Service service) throws IOException {
        Path jar = serviceJar(service.name());
        String database = "bourse_" + service.name().replace("-service", "");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serviceJvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + service.port()));
        if (service.usesInfrastructure()) {
            command.addAll(List.of(
                    "--spring.datasource.url=" + postgres.jdbcUrl(database),
                    "--spring.datasource.username=" + postgres.username(),
                    "--spring.datasource.password=" + postgres.password(),
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers()));
        }
        Path log = dataDirectory.resolve("logs").resolve(service.name() + ".log");
        say("Starting " + service.name() + " on port " + service.port() + " (log: " + log + ")");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private Path serviceJar(String service) throws IOException {
        Path target = projectDirectory.resolve(service).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(path -> path.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no executable jar in " + target + ": build first"));
        }
    }

    private void awaitHealthy(Service service) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + service.port() + "/actuator/health");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(health).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    say(service.name() + " is UP");
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service.name() + " did not become healthy; see its log in "
                + dataDirectory.resolve("logs"));
    }

    void stop() {
        say("Stopping the services...");
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        if (kafka != null) {
            say("Stopping Kafka...");
            kafka.close();
        }
        if (postgres != null) {
            say("Stopping PostgreSQL...");
            postgres.close();
        }
        say("Stopped. The data stays in " + dataDirectory);
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
