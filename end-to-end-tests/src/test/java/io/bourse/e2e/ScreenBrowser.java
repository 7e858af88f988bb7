package io.bourse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * A person's browser on the trading screen, whichever browser it is: the few things a person does there, named by the
 * page's {@code data-test} names, and the steps the browser tests share (signing in, picking a symbol, filling the
 * ticket), so that each browser's test reads the same page the same way.
 */
interface ScreenBrowser extends AutoCloseable {

    /** The streams whose marks say {@code live} once the screen follows a symbol and an account. */
    List<String> STREAMS = List.of("account-stream", "orders-stream", "settlements-stream", "book-stream",
            "tape-stream");

    /** The issuer's login page, Spring Security's form. */
    String LOGIN_USERNAME = "#username";
    String LOGIN_PASSWORD = "#password";
    String LOGIN_SUBMIT = "button[type=submit]";

    /** Where the screenshots are kept, as test artifacts. */
    Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The CSS selector of the elements with that data-test name. */
    static String test(String name) {
        return "[data-test=\"" + name + "\"]";
    }

    void go(String url);

    /** Clicks the element once it is shown and enabled. */
    void click(String testName);

    /** Replaces the field's text with the given text, typed. */
    void type(String testName, String text);

    /** Chooses the option of that value in the select, once the select offers it. */
    void choose(String testName, String value);

    /** Waits until a shown element of that name has a visible text containing the given text. */
    void awaitText(String testName, String text);

    /** On the issuer's login page, types the credentials and submits them. */
    void fillLoginPage(String user, String password);

    /** The whole window, as a PNG file under target/screenshots. */
    void screenshot(String file);

    @Override
    void close();

    /** Keeps the picture as target/screenshots/{file}.png. */
    static void keepScreenshot(String file, byte[] png) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(file + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a browser's own profile folder once the browser has ended. */
    static void removeProfile(Path profile) {
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a profile left in the temp folder harms nothing
        }
    }

    /** Signs the person in as they would: the screen's sign-in button, then the issuer's login page. */
    default void signIn(String screenUrl, String user, String password) {
        go(screenUrl + "/");
        click("sign-in");
        fillLoginPage(user, password);
        awaitText("user", user);
    }

    /** Follows the symbol: its book, tape and chart. */
    default void pickSymbol(String symbol) {
        choose("symbol-select", symbol);
        awaitText("book-symbol", symbol);
    }

    /** A good-till-cancelled limit order through the ticket. */
    default void placeLimit(String side, String quantity, String price) {
        click(side.equals("BUY") ? "ticket-side-buy" : "ticket-side-sell");
        choose("ticket-type", "LIMIT");
        choose("ticket-tif", "GTC");
        type("ticket-quantity", quantity);
        type("ticket-price", price);
        click("ticket-submit");
    }
}
