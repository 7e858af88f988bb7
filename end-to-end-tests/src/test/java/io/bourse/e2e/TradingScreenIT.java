package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.support.ui.Select;

/**
 * The trading screen in a real browser against the real stack: people sign in on the issuer's login page, trade
 * through the ticket and watch the book, the tape, their fills and the settlement change without reloading the
 * page; an operator's work (listing, deposits) goes through the REST API as in the other tests. Chromium runs every
 * page; Firefox runs a trader's day once (sign-in, ticket, live panels, cancel). Screenshots of each page and panel
 * are kept in target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TradingScreenIT {

    private static final String WATCH_SETTLEMENTS = """
            window.settlementsSeen = [];
            new MutationObserver(records => records.forEach(record => record.addedNodes.forEach(row => {
              if (row.dataset && row.dataset.test === 'settlement-row') {
                window.settlementsSeen.push(row.dataset.tradeId + ' ' + row.dataset.status);
              }
            }))).observe(document.querySelector('[data-test="settlement-rows"]'), {childList: true});
            """;

    BourseStack stack;
    Trading trading;
    final List<ScreenBrowser> browsers = new ArrayList<>();

    @BeforeAll
    void start() {
        stack = BourseStack.withScreen();
        trading = new Trading(stack);
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(ScreenBrowser::close);
        browsers.clear();
    }

    private Browser browser(String name) {
        Browser browser = Browser.open(name, 1400, 1000);
        browsers.add(browser);
        return browser;
    }

    private Browser signedIn(String user) {
        Browser browser = browser(user);
        browser.signIn(stack.screenUrl(), user, user + "-password");
        return browser;
    }

    @Test
    void twoTradersCrossOnTheScreenAndWatchBookTapeFillsAndSettlementChangeWithoutAReload() {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        Browser alice = signedIn("alice");
        Browser bob = signedIn("bob");
        assertThat(alice.find("nav-operator").isDisplayed()).as("a trader has no operator page").isFalse();
        String buyer = openAccount(alice, symbol);
        String seller = openAccount(bob, symbol);
        trading.deposit(buyer, "USD", "10000.00");
        trading.deposit(seller, symbol, "50");
        awaitBalance(alice, "USD", "balance-available", "10000.00");
        awaitBalance(bob, symbol, "balance-available", "50");

        bob.placeLimit("SELL", "10", "100.00");
        String sellOrderId = awaitOrderWith(bob, "OPEN");
        awaitLevel(alice, "book-ask", "100.00", "10");
        awaitBalance(bob, symbol, "balance-reserved", "10");
        alice.screenshot("book-panel", "panel-book-resting-ask");

        alice.script(WATCH_SETTLEMENTS);
        alice.placeLimit("BUY", "4", "100.00");

        for (Browser watcher : List.of(alice, bob)) {
            watcher.await(d -> d.findElements(By.cssSelector("[data-test=tape-row]")).stream().anyMatch(row ->
                    cell(row, "tape-price").equals("100.00") && cell(row, "tape-quantity").equals("4")) ? true : null);
        }
        awaitFill(alice, "BUY", "100.00", "4");
        awaitFill(bob, "SELL", "100.00", "4");
        alice.await(d -> orderRows(alice).stream().anyMatch(row -> "FILLED".equals(row.getAttribute("data-status"))
                && cell(row, "order-filled").equals("4")) ? true : null);
        bob.await(d -> orderRows(bob).stream().anyMatch(row -> sellOrderId.equals(row.getAttribute("data-order-id"))
                && "PARTIALLY_FILLED".equals(row.getAttribute("data-status"))
                && cell(row, "order-filled").equals("4")) ? true : null);
        awaitLevel(alice, "book-ask", "100.00", "6");
        assertThat(Integer.parseInt(alice.find("chart").getAttribute("data-points"))).isGreaterThanOrEqualTo(1);
        assertThat(alice.find("last-price").getText()).isEqualTo("100.00");

        String tradeId = alice.await(d -> d.findElements(By.cssSelector("[data-test=settlement-row]")).stream()
                .filter(row -> "SETTLED".equals(row.getAttribute("data-status")))
                .map(row -> row.getAttribute("data-trade-id")).findFirst().orElse(null));
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) alice.script("return window.settlementsSeen;");
        assertThat(seen).as("the settlement's rows as the screen showed them, in order")
                .containsSubsequence(tradeId + " PENDING", tradeId + " SETTLED");
        awaitPosition(alice, symbol, "4", "100.00");
        awaitBalance(alice, "USD", "balance-total", "9600.00");
        awaitBalance(alice, symbol, "balance-total", "4");
        awaitBalance(bob, "USD", "balance-total", "400.00");
        alice.screenshot("trade-page-after-a-trade");
        bob.screenshot("trade-page-seller");
        for (String panel : List.of("book-panel", "chart-panel", "tape-panel", "ticket-panel", "account-panel",
                "orders-panel", "fills-panel", "settlements-panel")) {
            alice.screenshot(panel, "panel-" + panel.replace("-panel", ""));
        }

        // The rest of bob's order is cancelled from his screen, and leaves alice's book.
        clickInOrderRow(bob, sellOrderId, "order-cancel");
        bob.await(d -> orderRows(bob).stream().anyMatch(row -> sellOrderId.equals(row.getAttribute("data-order-id"))
                && "CANCELLED".equals(row.getAttribute("data-status"))) ? true : null);
        alice.await(d -> d.findElements(Browser.test("book-ask")).isEmpty() ? true : null);
        alice.awaitText("book-spread", "empty book");
        awaitBalance(bob, symbol, "balance-reserved", "0");
        bob.screenshot("orders-panel", "panel-orders-cancelled");
    }

    @Test
    void inFirefoxATraderBuysThroughTheTicketWatchesTheFillAndSettlementArriveAndCancelsTheRest() {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        FirefoxBrowser carol = FirefoxBrowser.open("carol", 1400, 1000);
        browsers.add(carol);
        carol.signIn(stack.screenUrl(), "carol", "carol-password");
        carol.pickSymbol(symbol);
        carol.click("open-account");
        String buyer = carol.await("const select = document.querySelector(selector); return select && select.value;",
                ScreenBrowser.test("account-select"));
        carol.await("return JSON.parse(text).every(stream =>"
                + " document.querySelector('[data-test=\"' + stream + '\"]').dataset.state === 'live');",
                "", new Json().toJson(ScreenBrowser.STREAMS));
        trading.deposit(buyer, "USD", "10000.00");
        carol.awaitRow(balance("USD"), Map.of("balance-available", "10000.00"));

        carol.placeLimit("BUY", "5", "100.00");
        String buyOrderId = carol.await("const row = document.querySelector(selector); return row && row.dataset.orderId;",
                "[data-test=order-row][data-status=OPEN]");
        carol.awaitRow("[data-test=book-bid][data-price=\"100.00\"]", Map.of("level-size", "5"));
        carol.awaitRow(balance("USD"), Map.of("balance-reserved", "500.00"));

        String seller = trading.openAccount("bob", symbol, "10");
        trading.awaitDecided(trading.limit(seller, symbol, "SELL", 3, "100.00"));

        carol.awaitRow("[data-test=tape-row]", Map.of("tape-price", "100.00", "tape-quantity", "3"));
        carol.awaitRow("[data-test=fill-row]", Map.of("fill-side", "BUY", "fill-price", "100.00", "fill-quantity", "3"));
        carol.awaitRow(orderRow(buyOrderId) + "[data-status=PARTIALLY_FILLED]", Map.of("order-filled", "3"));
        carol.awaitRow("[data-test=book-bid][data-price=\"100.00\"]", Map.of("level-size", "2"));
        carol.awaitRow("[data-test=settlement-row][data-status=SETTLED]", Map.of());
        carol.awaitRow(balance("USD"), Map.of("balance-total", "9700.00", "balance-reserved", "200.00"));
        carol.awaitRow("[data-test=position][data-symbol=\"" + symbol + "\"]",
                Map.of("position-quantity", "3", "position-average-cost", "100.00"));
        carol.screenshot("firefox-trade-page-after-a-trade");

        carol.clickOn(orderRow(buyOrderId) + " [data-test=order-cancel]");
        carol.awaitRow(orderRow(buyOrderId) + "[data-status=CANCELLED]", Map.of("order-filled", "3"));
        carol.await("return !document.querySelector(selector);", "[data-test=book-bid]");
        carol.awaitRow(balance("USD"), Map.of("balance-available", "9700.00", "balance-reserved", "0.00"));
        carol.screenshot("firefox-trade-page-after-the-cancel");
    }

    private static String balance(String asset) {
        return "[data-test=balance][data-asset=\"" + asset + "\"]";
    }

    private static String orderRow(String orderId) {
        return "[data-test=order-row][data-order-id=\"" + orderId + "\"]";
    }

    @Test
    void anOrdersAuditTrailListsItsEventsWhenTheOrderIsClicked() {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        Browser carol = signedIn("carol");
        String account = openAccount(carol, symbol);
        trading.deposit(account, "USD", "1000.00");
        awaitBalance(carol, "USD", "balance-available", "1000.00");
        carol.placeLimit("BUY", "2", "50.00");
        String orderId = awaitOrderWith(carol, "OPEN");
        clickInOrderRow(carol, orderId, "order-cancel");
        carol.await(d -> orderRows(carol).stream().anyMatch(row -> orderId.equals(row.getAttribute("data-order-id"))
                && "CANCELLED".equals(row.getAttribute("data-status"))) ? true : null);

        clickInOrderRow(carol, orderId, null);

        carol.awaitText("audit-order", orderId);
        List<String> types = carol.await(d -> {
            List<String> shown = d.findElements(Browser.test("audit-type")).stream().map(WebElement::getText).toList();
            return shown.stream().anyMatch(type -> type.contains("Cancel")) ? shown : null;
        });
        assertThat(types.get(0)).contains("OrderPlaced");
        assertThat(types).anyMatch(type -> type.contains("Cancel"));
        carol.screenshot("audit-panel", "panel-audit-trail");
        carol.click("audit-close");
        carol.await(d -> d.findElement(Browser.test("audit-panel")).isDisplayed() ? null : true);
    }

    @Test
    void aValidationErrorShowsNextToItsFieldAndSigningOutEndsTheSessionAtTheIssuer() {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        Browser carol = signedIn("carol");
        openAccount(carol, symbol);

        carol.placeLimit("BUY", "0", "10.00");

        carol.awaitText("error-quantity", "must be greater than 0");
        assertThat(carol.find("ticket-quantity").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(carol.find("error-limitPrice").getText()).isEmpty();
        carol.awaitText("ticket-result", "not placed");
        carol.awaitText("order-rows", "no orders yet");
        carol.screenshot("ticket-panel", "panel-ticket-validation-error");

        carol.click("sign-out");
        carol.find("sign-in-page");
        carol.await(d -> d.findElement(Browser.test("sign-in")).isDisplayed() ? true : null);
        carol.click("sign-in");
        carol.await(d -> d.findElements(By.cssSelector(ScreenBrowser.LOGIN_USERNAME)).isEmpty() ? null : true);
        carol.screenshot("issuer-login-page");
        carol.fillLoginPage("bob", "bob-password");
        carol.awaitText("user", "bob");
    }

    @Test
    void anAdminSeesEveryServicesProcessorsDeadLettersAndSagasOnTheOperatorPage() {
        Browser admin = signedIn("admin");

        admin.click("nav-operator");

        admin.find("operator-page");
        for (String service : List.of("order", "portfolio", "settlement")) {
            admin.await(d -> d.findElement(Browser.test("operator-" + service))
                    .findElements(Browser.test("processor-row")).isEmpty() ? null : true);
            assertThat(admin.find("operator-" + service).findElements(Browser.test("operator-error")))
                    .as("%s-service answered every read", service).isEmpty();
        }
        WebElement settlement = admin.find("operator-settlement");
        assertThat(settlement.findElements(Browser.test("saga-row"))).extracting(WebElement::getText)
                .anyMatch(row -> row.contains("TradeSettlementSaga"));
        assertThat(admin.find("operator-portfolio").findElements(Browser.test("deadletter-row"))).isNotEmpty();
        admin.screenshot("operator-page");
    }

    /** Opens an account from the screen and picks the symbol; answers the account's id as the screen shows it. */
    private String openAccount(Browser browser, String symbol) {
        browser.click("open-account");
        String accountId = browser.await(d -> {
            String chosen = new Select(d.findElement(Browser.test("account-select"))).getFirstSelectedOption()
                    .getAttribute("value");
            return chosen == null || chosen.isEmpty() ? null : chosen;
        });
        browser.pickSymbol(symbol);
        browser.await(d -> ScreenBrowser.STREAMS.stream()
                .allMatch(stream -> "live".equals(d.findElement(Browser.test(stream)).getAttribute("data-state")))
                ? true : null);
        return accountId;
    }

    private static List<WebElement> orderRows(Browser browser) {
        return browser.driver().findElements(By.cssSelector("[data-test=order-row]"));
    }

    /** The id of the first order the screen shows with the status. */
    private static String awaitOrderWith(Browser browser, String status) {
        return browser.await(d -> orderRows(browser).stream()
                .filter(row -> status.equals(row.getAttribute("data-status")))
                .map(row -> row.getAttribute("data-order-id")).findFirst().orElse(null));
    }

    /** Clicks the order's row, or the element of it named (its cancel button). */
    private static void clickInOrderRow(Browser browser, String orderId, String testName) {
        browser.await(d -> {
            WebElement row = orderRows(browser).stream()
                    .filter(candidate -> orderId.equals(candidate.getAttribute("data-order-id"))).findFirst()
                    .orElse(null);
            if (row == null) {
                return null;
            }
            (testName == null ? row : row.findElement(Browser.test(testName))).click();
            return true;
        });
    }

    private static String cell(WebElement row, String testName) {
        return row.findElement(Browser.test(testName)).getText();
    }

    private static void awaitBalance(Browser browser, String asset, String column, String amount) {
        browser.await(d -> d.findElements(By.cssSelector("[data-test=balance][data-asset=\"" + asset + "\"]"))
                .stream().anyMatch(row -> cell(row, column).equals(amount)) ? true : null);
    }

    private static void awaitLevel(Browser browser, String side, String price, String size) {
        browser.await(d -> d.findElements(By.cssSelector("[data-test=" + side + "][data-price=\"" + price + "\"]"))
                .stream().anyMatch(row -> cell(row, "level-size").equals(size)) ? true : null);
    }

    private static void awaitFill(Browser browser, String side, String price, String quantity) {
        browser.await(d -> d.findElements(By.cssSelector("[data-test=fill-row]")).stream().anyMatch(row ->
                cell(row, "fill-side").equals(side) && cell(row, "fill-price").equals(price)
                        && cell(row, "fill-quantity").equals(quantity)) ? true : null);
    }

    private static void awaitPosition(Browser browser, String symbol, String quantity, String averageCost) {
        browser.await(d -> d.findElements(By.cssSelector("[data-test=position][data-symbol=\"" + symbol + "\"]"))
                .stream().anyMatch(row -> cell(row, "position-quantity").equals(quantity)
                        && cell(row, "position-average-cost").equals(averageCost)) ? true : null);
    }
}
