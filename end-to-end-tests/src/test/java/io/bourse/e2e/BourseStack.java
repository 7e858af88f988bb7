package io.bourse.e2e;

import io.bourse.infrastructure.TestInfrastructure;
import io.bourse.order.OrderServiceApplication;
import io.bourse.portfolio.PortfolioServiceApplication;
import io.bourse.settlement.SettlementServiceApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The three services, each a Spring application with its own database, on one PostgreSQL server and one Kafka
 * broker, and the issuer of their tokens. They share nothing but Kafka, exactly as when they run as separate
 * processes. A service can be stopped and started again on the same database, as after a crash or a deployment.
 * <p>
 * The issuer knows the dev clients and the traders the tests open accounts for, each with the secret
 * {@code <name>-secret}; it signs with a key this stack made, so a test can also sign tokens of its own.
 */
final class BourseStack implements AutoCloseable {

    /** Trader clients besides the dev clients alice, bob and carol. */
    static final int TRADERS = 10;

    /** Topic names carry the service names; a suffix keeps this stack's topics apart from other tests' on the broker. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String[]> arguments = new LinkedHashMap<>();
    private final Map<String, String> overrides;
    private final Map<String, List<Class<?>>> extraBeans;
    /** Ports chosen before anything starts, where the issuer must know a service's address ahead (the screen). */
    private final Map<String, Integer> ports;
    private final KeyPair signingKey;
    private final Issuer issuer;
    private final Tokens tokens;
    private ConfigurableApplicationContext portfolio;
    private ConfigurableApplicationContext order;
    private ConfigurableApplicationContext settlement;

    BourseStack() {
        this(Map.of());
    }

    /** With properties that every service gets on top of the usual ones. */
    BourseStack(Map<String, String> overrides) {
        this(overrides, Map.of());
    }

    /** With beans added to some services ({@code "portfolio"} → classes), for tests with handlers of their own. */
    BourseStack(Map<String, String> overrides, Map<String, List<Class<?>>> extraBeans) {
        this(overrides, extraBeans, Map.of());
    }

    private BourseStack(Map<String, String> overrides, Map<String, List<Class<?>>> extraBeans,
                        Map<String, Integer> ports) {
        this.overrides = overrides;
        this.extraBeans = extraBeans;
        this.ports = ports;
        this.signingKey = newKeyPair();
        this.issuer = startIssuer();
        this.tokens = new Tokens(issuer.url());
        portfolio = start(PortfolioServiceApplication.class, "portfolio");
        order = start(OrderServiceApplication.class, "order");
        settlement = start(SettlementServiceApplication.class, "settlement");
    }

    /**
     * The stack with the trading screen reachable as a browser reaches it: each service on a port chosen up front, so
     * that the issuer can take the screen's page (order-service's) as the browser client's redirect and its origin
     * for CORS, and the page knows where portfolio-service and settlement-service are.
     */
    static BourseStack withScreen() {
        return new BourseStack(Map.of(), Map.of(), Map.of("portfolio", freePort(), "order", freePort(),
                "settlement", freePort()));
    }

    /** The trading screen, as order-service serves it. */
    String screenUrl() {
        return "http://127.0.0.1:" + port("order");
    }

    private int port(String service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalStateException("this stack has no screen: start it with BourseStack.withScreen()");
        }
        return port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Issuer startIssuer() {
        List<String> args = new ArrayList<>(List.of("--bourse.auth.signing-key=file:" + writePrivateKey()));
        for (int i = 0; i < TRADERS; i++) {
            args.add("--bourse.auth.clients.trader" + i + ".secret=trader" + i + "-secret");
        }
        if (!ports.isEmpty()) {
            args.add("--bourse.auth.browser-client.redirect-uris[0]=" + screenUrl() + "/login/callback");
            args.add("--bourse.auth.browser-client.post-logout-redirect-uris[0]=" + screenUrl() + "/");
            args.add("--bourse.auth.cors.allowed-origins[0]=" + screenUrl());
        }
        return Issuer.start(args);
    }

    private String writePrivateKey() {
        try {
            Path file = Files.createTempFile("bourse-issuer-key", ".pem");
            file.toFile().deleteOnExit();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(signingKey.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(file, pem);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ConfigurableApplicationContext start(Class<?> application, String service) {
        String[] args = arguments.computeIfAbsent(service, this::argumentsFor);
        return new SpringApplicationBuilder(application)
                .sources(extraBeans.getOrDefault(service, List.of()).toArray(Class<?>[]::new)).run(args);
    }

    /** As command-line arguments, so they win over the service's own configuration file. */
    private String[] argumentsFor(String service) {
        Map<String, Object> properties = new LinkedHashMap<>(TestInfrastructure.shared().springProperties(service));
        properties.put("spring.config.name", service + "-service");
        properties.put("server.port", String.valueOf(ports.getOrDefault(service, 0)));
        properties.put("bourse.messaging.service", service + run);
        properties.put("bourse.messaging.consumes", switch (service) {
            case "settlement" -> "order" + run;
            default -> "";
        });
        properties.put("bourse.messaging.command-owners[io.bourse.events.order]", "order" + run);
        properties.put("bourse.messaging.command-owners[io.bourse.events.portfolio]", "portfolio" + run);
        properties.put("bourse.messaging.command-owners[io.bourse.events.settlement]", "settlement" + run);
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer.url());
        if (!ports.isEmpty()) {
            properties.put("bourse.security.cors.allowed-origins", screenUrl());
            properties.put("bourse.screen.issuer-url", issuer.url());
            properties.put("bourse.screen.portfolio-service-url", "http://127.0.0.1:" + port("portfolio"));
            properties.put("bourse.screen.settlement-service-url", "http://127.0.0.1:" + port("settlement"));
        }
        properties.putAll(overrides);
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    Tokens tokens() {
        return tokens;
    }

    /** The key the issuer signs with: a token signed with it is one the issuer could have issued. */
    KeyPair signingKey() {
        return signingKey;
    }

    /** A client of the service, calling as the admin client. */
    Http http(ConfigurableApplicationContext service) {
        return new Http(baseUrl(service), tokens, "admin");
    }

    ConfigurableApplicationContext order() {
        return order;
    }

    ConfigurableApplicationContext portfolio() {
        return portfolio;
    }

    ConfigurableApplicationContext settlement() {
        return settlement;
    }

    void stopSettlement() {
        settlement.close();
    }

    /** settlement-service again, on its database as it was left; its HTTP port changes. */
    void startSettlement() {
        settlement = start(SettlementServiceApplication.class, "settlement");
    }

    static String baseUrl(ConfigurableApplicationContext service) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (settlement.isActive()) {
            settlement.close();
        }
        order.close();
        portfolio.close();
        issuer.close();
    }
}
