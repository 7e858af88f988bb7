package io.bourse.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.bidi.BiDi;
import org.openqa.selenium.bidi.Command;
import org.openqa.selenium.bidi.Connection;
import org.openqa.selenium.bidi.Event;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.remote.http.HttpClient;

/**
 * One person's browser in Firefox: Debian's firefox-esr, headless, with a profile of its own, driven through WebDriver
 * BiDi, the W3C protocol Firefox speaks itself, over Selenium's BiDi connection. No geckodriver is needed (Debian has
 * none): the test starts Firefox with its remote agent on a free port and opens a session on it. Clicks and typing are
 * the protocol's input actions, as a person's would be; a select's option is chosen as Selenium's {@code Select} does
 * (the option set, then its input and change events), since a headless drop-down has nothing to click. Where
 * firefox-esr is missing, the test fails and says what to install.
 */
final class FirefoxBrowser implements ScreenBrowser {

    static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    /** Keeps a fresh profile from calling home or asking anything; the remote agent sets the rest itself. */
    private static final List<String> PREFERENCES = List.of(
            "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
            "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");",
            "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
            "user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);",
            "user_pref(\"app.update.disabledForTesting\", true);",
            "user_pref(\"app.normandy.enabled\", false);",
            "user_pref(\"browser.safebrowsing.malware.enabled\", false);",
            "user_pref(\"browser.safebrowsing.phishing.enabled\", false);",
            "user_pref(\"network.proxy.type\", 0);");
    /** The page's console lines and uncaught errors, copied to the browser's log. */
    private static final Event<Map<String, Object>> PAGE_LOG = new Event<>("log.entryAdded", entry -> entry);
    /** Whether a person could see the element: rendered, and not in a hidden panel. */
    private static final String SHOWN = "const shown = e => e && e.checkVisibility() && e.getClientRects().length > 0;";

    private final String name;
    private final Process firefox;
    private final Path profile;
    private final HttpClient client;
    private final Connection connection;
    private final String context;

    private FirefoxBrowser(String name, Process firefox, Path profile, HttpClient client, Connection connection,
            String context) {
        this.name = name;
        this.firefox = firefox;
        this.profile = profile;
        this.client = client;
        this.connection = connection;
        this.context = context;
    }

    /** A new Firefox window of the given size, named for its screenshots and its log. */
    static FirefoxBrowser open(String name, int width, int height) {
        if (!Files.isExecutable(FIREFOX)) {
            throw new IllegalStateException(FIREFOX + " is missing: the Firefox browser test drives Debian's"
                    + " firefox-esr; install it with 'apt-get install -y firefox-esr'");
        }
        Process firefox = null;
        Path profile = null;
        try {
            profile = Files.createTempDirectory("bourse-firefox-" + name);
            Files.write(profile.resolve("user.js"), PREFERENCES);
            PrintWriter log = new PrintWriter(Files.newBufferedWriter(Files.createDirectories(Path.of("target"))
                    .resolve("firefox-" + name + ".log")), true);
            firefox = new ProcessBuilder(FIREFOX.toString(), "--headless", "--no-remote", "--profile",
                    profile.toString(), "--remote-debugging-port", "0", "about:blank")
                    .redirectErrorStream(true).start();
            String endpoint = listeningOn(firefox, log).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            HttpClient client = HttpClient.Factory.createDefault()
                    .createClient(ClientConfig.defaultConfig().baseUri(URI.create(endpoint)));
            Connection connection = new Connection(client, endpoint + "/session");
            send(connection, "session.new", Map.of("capabilities", Map.of()));
            new BiDi(connection, COMMAND_TIMEOUT).addListener(PAGE_LOG, entry -> log.println("page "
                    + entry.get("level") + ": " + entry.get("text")));
            Map<String, Object> tree = send(connection, "browsingContext.getTree", Map.of());
            String context = (String) ((Map<?, ?>) ((List<?>) tree.get("contexts")).get(0)).get("context");
            send(connection, "browsingContext.setViewport", Map.of("context", context,
                    "viewport", Map.of("width", width, "height", height)));
            return new FirefoxBrowser(name, firefox, profile, client, connection, context);
        } catch (IOException e) {
            stop(firefox, profile);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(firefox, profile);
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            stop(firefox, profile);
            throw new IllegalStateException("firefox-esr did not open a WebDriver BiDi session", e);
        }
    }

    /** Copies Firefox's output to its log, and answers the endpoint of its remote agent once it says it listens. */
    private static CompletableFuture<String> listeningOn(Process firefox, PrintWriter log) {
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(firefox.getInputStream(),
                    StandardCharsets.UTF_8)); log) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    log.println(line);
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        endpoint.complete(listening.group(1));
                    }
                }
                endpoint.completeExceptionally(new IllegalStateException("firefox-esr ended; see its log"));
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
        }, "firefox-output");
        reader.setDaemon(true);
        reader.start();
        return endpoint;
    }

    private static Map<String, Object> send(Connection connection, String method, Map<String, ?> parameters) {
        return connection.sendAndWait(new Command<Map<String, Object>>(method, new LinkedHashMap<>(parameters),
                Json.MAP_TYPE), COMMAND_TIMEOUT);
    }

    private Map<String, Object> send(String method, Map<String, ?> parameters) {
        return send(connection, method, parameters);
    }

    @Override
    public void go(String url) {
        send("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
    }

    @Override
    public void click(String testName) {
        clickOn(ScreenBrowser.test(testName));
    }

    /**
     * Moves the mouse onto the middle of the first shown, enabled element the selector finds, and clicks it; as
     * WebDriver does, only once the element is the one a click there would reach (nothing laid over it), and only
     * once it stays where it is from one frame to the next (a panel filling in moves what is beside it).
     */
    void clickOn(String selector) {
        String[] point = await(SHOWN + """
                const e = document.querySelector(selector);
                if (!shown(e) || e.disabled) return null;
                e.scrollIntoView({block: 'nearest', inline: 'nearest'});
                const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
                const before = e.getBoundingClientRect();
                await frame();
                await frame();
                const box = e.getBoundingClientRect();
                if (box.left !== before.left || box.top !== before.top || box.width !== before.width) return null;
                const x = Math.floor(box.left + box.width / 2), y = Math.floor(box.top + box.height / 2);
                const there = document.elementFromPoint(x, y);
                return there && (there === e || e.contains(there)) ? x + ' ' + y : null;
                """, selector).split(" ");
        perform(Map.of("type", "pointer", "id", "mouse", "parameters", Map.of("pointerType", "mouse"),
                "actions", List.of(Map.of("type", "pointerMove", "x", Integer.parseInt(point[0]),
                                "y", Integer.parseInt(point[1]), "origin", "viewport"),
                        Map.of("type", "pointerDown", "button", 0), Map.of("type", "pointerUp", "button", 0))));
    }

    private void perform(Map<String, ?> source) {
        send("input.performActions", Map.of("context", context, "actions", List.of(source)));
    }

    @Override
    public void type(String testName, String text) {
        typeInto(ScreenBrowser.test(testName), text);
    }

    /** Clicks into the field, selects what it holds and types the text over it, key by key. */
    void typeInto(String selector, String text) {
        clickOn(selector);
        List<Map<String, Object>> keys = new ArrayList<>();
        keys.add(key("keyDown", "\uE009"));
        keys.add(key("keyDown", "a"));
        keys.add(key("keyUp", "a"));
        keys.add(key("keyUp", "\uE009"));
        keys.add(key("keyDown", "\uE003"));
        keys.add(key("keyUp", "\uE003"));
        text.codePoints().mapToObj(Character::toString).forEach(character -> {
            keys.add(key("keyDown", character));
            keys.add(key("keyUp", character));
        });
        perform(Map.of("type", "key", "id", "keyboard", "actions", keys));
        await("return document.querySelector(selector).value === text;", selector, text);
    }

    private static Map<String, Object> key(String type, String value) {
        return Map.of("type", type, "value", value);
    }

    @Override
    public void choose(String testName, String value) {
        await("""
                const select = document.querySelector(selector), value = text;
                if (!select || ![...select.options].some(option => option.value === value)) return null;
                if (select.value !== value) {
                  select.value = value;
                  select.dispatchEvent(new Event('input', {bubbles: true}));
                  select.dispatchEvent(new Event('change', {bubbles: true}));
                }
                return true;
                """, ScreenBrowser.test(testName), value);
    }

    @Override
    public void awaitText(String testName, String text) {
        await(SHOWN + " return [...document.querySelectorAll(selector)]"
                + ".some(e => shown(e) && e.innerText.includes(text));", ScreenBrowser.test(testName), text);
    }

    @Override
    public void fillLoginPage(String user, String password) {
        typeInto(LOGIN_USERNAME, user);
        typeInto(LOGIN_PASSWORD, password);
        clickOn(LOGIN_SUBMIT);
    }

    /** Waits until a row the selector finds has, in each named cell, exactly the given text. */
    void awaitRow(String rowSelector, Map<String, String> cells) {
        await("""
                const cells = Object.entries(JSON.parse(text));
                return [...document.querySelectorAll(selector)].some(row => cells.every(([name, wanted]) => {
                  const cell = row.querySelector('[data-test="' + name + '"]');
                  return cell && cell.innerText.trim() === wanted;
                }));
                """, rowSelector, new Json().toJson(cells));
    }

    /**
     * Runs the function body in the page until it answers something other than null, undefined, false or an empty
     * string, and answers that as text. The body sees its arguments as {@code selector} and {@code text}. A page
     * that is navigating away is asked again.
     */
    String await(String body, String... arguments) {
        Map<String, Object> value = awaitValue(body, arguments);
        Object answer = value.get("value");
        return answer == null ? String.valueOf(value.get("type")) : String.valueOf(answer);
    }

    private Map<String, Object> awaitValue(String body, String... arguments) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        RuntimeException lastFailure = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, Object> value = call(body, arguments);
                if (answered(value)) {
                    return value;
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            pause();
        }
        AssertionError timedOut = new AssertionError("in " + name + "'s Firefox, waited " + PATIENCE.toSeconds()
                + " s for: " + body.strip() + " with " + List.of(arguments) + "; the page showed: " + shown());
        if (lastFailure != null) {
            timedOut.initCause(lastFailure);
        }
        throw timedOut;
    }

    private static boolean answered(Map<String, Object> value) {
        Object type = value.get("type");
        Object answer = value.get("value");
        return !"null".equals(type) && !"undefined".equals(type) && !Boolean.FALSE.equals(answer)
                && !"".equals(answer);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The page's answer, as BiDi's remote value (an element comes with its shared id). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String body, String... arguments) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (String argument : arguments) {
            values.add(Map.of("type", "string", "value", argument));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("functionDeclaration", "async function (selector, text) {" + body + "\n}");
        parameters.put("target", Map.of("context", context));
        parameters.put("arguments", values);
        parameters.put("awaitPromise", true);
        parameters.put("serializationOptions", Map.of("maxDomDepth", 0));
        Map<String, Object> evaluated = send("script.callFunction", parameters);
        if ("exception".equals(evaluated.get("type"))) {
            throw new IllegalStateException("the page threw: " + evaluated.get("exceptionDetails"));
        }
        return (Map<String, Object>) evaluated.get("result");
    }

    /** What the page shows, for a failure's message. */
    private String shown() {
        try {
            Map<String, Object> text = call("return location.href + ' ' + document.body.innerText;");
            String shown = String.valueOf(text.get("value")).replaceAll("\\s+", " ");
            return shown.length() > 1500 ? shown.substring(0, 1500) + "…" : shown;
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void screenshot(String file) {
        Map<String, Object> shot = send("browsingContext.captureScreenshot", Map.of("context", context));
        ScreenBrowser.keepScreenshot(file, Base64.getDecoder().decode((String) shot.get("data")));
    }

    @Override
    public void close() {
        try {
            screenshot("last-firefox-" + name);
        } catch (RuntimeException e) {
            // the browser may be gone already
        }
        try {
            send("session.end", Map.of());
        } catch (RuntimeException e) {
            // ending the process below ends the session too
        }
        connection.close();
        client.close();
        stop(firefox, profile);
    }

    /** Ends Firefox and its content processes, and removes the profile. */
    private static void stop(Process firefox, Path profile) {
        if (firefox != null) {
            List<ProcessHandle> children = firefox.descendants().toList();
            firefox.destroy();
            try {
                if (!firefox.waitFor(10, TimeUnit.SECONDS)) {
                    firefox.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                firefox.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        if (profile != null) {
            ScreenBrowser.removeProfile(profile);
        }
    }
}
