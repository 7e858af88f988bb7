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
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The whole of Bourse on one machine without Docker: a real PostgreSQL server and a real Kafka broker, both on
 * loopback with their data kept under one folder, the local authorization server, and the three services, each in
 * its own JVM as in production.
 * Stopping it (Ctrl-C) stops the services first, then the broker, then the database. {@code --help} lists the options.
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

    /** Each log rolls over at this size into gzipped files, kept for this many days, and never all above the cap. */
    static final String LOG_MAX_FILE_SIZE = "10MB";
    static final String LOG_MAX_HISTORY = "7";
    static final String LOG_TOTAL_SIZE_CAP = "200MB";

    static final String USAGE = """
            LocalStack: PostgreSQL, Kafka, the local issuer and the three services on this machine.
              --project-dir=.                 the built project (each service's target/*-exec.jar)
              --data-dir=<project>/.bourse    the data and logs, kept between runs; logs/<process>.log rolls over
                                              at 10 MB (7 days and 200 MB at most); LOG_FORMAT=json for JSON lines
              --order-port=8081 --portfolio-port=8082 --settlement-port=8083
              --auth-port=9000                the issuer, http://127.0.0.1:<port>; the services are told to trust it
              --postgres-port=15432 --kafka-port=19092
              --service-jvm-options="-Xss512k -Xms256m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
              --auth-arg=--name=value         an argument for the issuer, e.g. one more trader client:
                                              --auth-arg=--bourse.auth.clients.dave.secret=dave-secret
              --service-arg=--name=value      an argument for each of the three services, e.g. a higher limit:
                                              --service-arg=--bourse.security.writes.per-second=1000
            --auth-arg and --service-arg may be repeated; one that sets a property the launcher sets too (the port,
            the database, the broker, the issuer) replaces the launcher's.
            """;

    private static final Set<String> OPTIONS = Set.of("project-dir", "data-dir", "order-port", "portfolio-port",
            "settlement-port", "auth-port", "postgres-port", "kafka-port", "service-jvm-options", "auth-arg",
            "service-arg");

    private final Path dataDirectory;
    private final Path projectDirectory;
    private final int postgresPort;
    private final int kafkaPort;
    private final List<String> serviceJvmOptions;
    private final List<String> authArguments;
    private final List<String> serviceArguments;
    private final List<Process> processes = new ArrayList<>();
    /** What this run starts, on which ports: the issuer and the screen's page must know each other's. */
    private List<Service> services = List.of();
    private EmbeddedPostgresServer postgres;
    private KafkaRaftBroker kafka;

    LocalStack(Path projectDirectory, Path dataDirectory, int postgresPort, int kafkaPort,
               List<String> serviceJvmOptions, List<String> authArguments, List<String> serviceArguments) {
        this.projectDirectory = projectDirectory;
        this.dataDirectory = dataDirectory;
        this.postgresPort = postgresPort;
        this.kafkaPort = kafkaPort;
        this.serviceJvmOptions = List.copyOf(serviceJvmOptions);
        this.authArguments = List.copyOf(authArguments);
        this.serviceArguments = List.copyOf(serviceArguments);
    }

    public static void main(String[] args) throws Exception {
        // The embedded servers' library carries a test logging setup; the launcher speaks with its own.
        System.setProperty("logback.configurationFile", "local-stack-logback.xml");
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        Path project = Path.of(options.get("project-dir", ".")).toAbsolutePath().normalize();
        Path data = Path.of(options.get("data-dir", project.resolve(".bourse").toString())).toAbsolutePath();
        LocalStack stack = new LocalStack(project, data, Integer.parseInt(options.get("postgres-port", "15432")),
                Integer.parseInt(options.get("kafka-port", "19092")),
                List.of(options.get("service-jvm-options", SERVICE_JVM_OPTIONS).trim().split("\\s+")),
                options.all("auth-arg"), options.all("service-arg"));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        stack.start(List.of(
                new Service("authorization-server", Integer.parseInt(options.get("auth-port", "9000")), false),
                new Service("order-service", Integer.parseInt(options.get("order-port", "8081")), true),
                new Service("portfolio-service", Integer.parseInt(options.get("portfolio-port", "8082")), true),
                new Service("settlement-service", Integer.parseInt(options.get("settlement-port", "8083")), true)));
        Thread.currentThread().join();
    }

    void start(List<Service> services) throws IOException, InterruptedException {
        this.services = List.copyOf(services);
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
        String issuer = services.stream().filter(service -> !service.usesInfrastructure()).findFirst()
                .map(service -> "http://127.0.0.1:" + service.port()).orElseThrow();
        // The trading screen is order-service's page: the other services and the issuer let it call them.
        String screen = services.stream().filter(service -> service.name().equals("order-service")).findFirst()
                .map(service -> "http://localhost:" + service.port() + ",http://127.0.0.1:" + service.port())
                .orElseThrow();
        for (Service service : services) {
            processes.add(launch(service, issuer, screen));
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
        say(String.format("  %-19s http://localhost:%d/  (sign in as alice / alice-password)", "trading screen",
                portOf("order-service")));
        say("  logs                " + dataDirectory.resolve("logs"));
    }

    private Process launch(Service service, String issuer, String screen) throws IOException {
        Path jar = serviceJar(service.name());
        String database = "bourse_" + service.name().replace("-service", "");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serviceJvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        Path logs = dataDirectory.resolve("logs");
        Path log = logs.resolve(service.name() + ".log");
        List<String> own = new ArrayList<>(List.of("--server.port=" + service.port(),
                // The service writes its own log, rolled over by size and capped, instead of an ever-growing file of
                // its console; LOG_FORMAT=json in the environment makes it JSON lines.
                "--logging.file.name=" + log,
                "--logging.threshold.console=OFF",
                "--logging.logback.rollingpolicy.max-file-size=" + LOG_MAX_FILE_SIZE,
                "--logging.logback.rollingpolicy.max-history=" + LOG_MAX_HISTORY,
                "--logging.logback.rollingpolicy.total-size-cap=" + LOG_TOTAL_SIZE_CAP));
        if (service.usesInfrastructure()) {
            own.addAll(List.of(
                    "--spring.datasource.url=" + postgres.jdbcUrl(database),
                    "--spring.datasource.username=" + postgres.username(),
                    "--spring.datasource.password=" + postgres.password(),
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    // The issuer may be on another port than the services' default: trust the one started here.
                    "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                    "--bourse.security.cors.allowed-origins=" + screen));
            if (service.name().equals("order-service")) {
                // The screen's page learns where to sign in and where the other services are, on this run's ports.
                own.addAll(List.of("--bourse.screen.issuer-url=http://localhost:" + portOf("authorization-server"),
                        "--bourse.screen.portfolio-service-url=http://localhost:" + portOf("portfolio-service"),
                        "--bourse.screen.settlement-service-url=http://localhost:" + portOf("settlement-service")));
            }
        } else {
            // The issuer's name in its tokens, whichever address (localhost, 127.0.0.1) they were asked at.
            own.add("--spring.security.oauth2.authorizationserver.issuer=" + issuer);
            own.add("--bourse.auth.cors.allowed-origins=" + screen);
            // The screen's sign-in comes back to order-service's page, on whichever port it runs.
            int screenPort = portOf("order-service");
            own.add("--bourse.auth.browser-client.redirect-uris=http://localhost:" + screenPort + "/login/callback,"
                    + "http://127.0.0.1:" + screenPort + "/login/callback");
            own.add("--bourse.auth.browser-client.post-logout-redirect-uris=http://localhost:" + screenPort + "/,"
                    + "http://127.0.0.1:" + screenPort + "/");
        }
        List<String> extra = service.usesInfrastructure() ? serviceArguments : authArguments;
        command.addAll(withoutOverridden(own, extra));
        command.addAll(extra);
        say("Starting " + service.name() + " on port " + service.port() + " (log: " + log + ")");
        // What the JVM prints before logging starts or after it stops (a failed start, a crash): this run's only.
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logs.resolve(service.name() + ".out").toFile()))
                .start();
    }

    /**
     * The launcher's own arguments less those an extra argument sets again: Spring Boot does not let the last of two
     * equal command-line properties win, it joins both values into one list.
     */
    static List<String> withoutOverridden(List<String> own, List<String> extra) {
        List<String> overridden = extra.stream().map(LocalStack::propertyName).toList();
        return own.stream().filter(arg -> !overridden.contains(propertyName(arg))).toList();
    }

    private static String propertyName(String arg) {
        int equals = arg.indexOf('=');
        return equals < 0 ? arg : arg.substring(0, equals);
    }

    private int portOf(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst().orElseThrow().port();
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
