package io.bourse.benchmarks.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fresh instruments and accounts for a run, each account funded with far more cash and units than the run can
 * use, and visible to the portfolio's reads before the first order. Instruments and deposits are the admin's work;
 * the accounts are opened by trader clients, dealt round-robin, so that each trader's share of the load stays well
 * under the services' per-caller rate limits.
 */
final class Setup {

    static final String CASH = "USD";
    static final String CASH_DEPOSIT = "1000000000.00";
    static final String UNITS_DEPOSIT = "100000000";
    /** The trader clients are bench0, bench1, ...; the issuer must know them (run-flow.sh registers them). */
    static final String TRADER_PREFIX = "bench";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    record Universe(List<String> symbols, List<String> accounts, double seconds) {
    }

    private Setup() {
    }

    static Universe prepare(BourseClient client, Options options, PrintStream out) throws Exception {
        long started = System.nanoTime();
        // Random whatever the seed: a second run on the same stack needs instruments of its own.
        SecureRandom random = new SecureRandom();
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < options.symbols(); i++) {
            StringBuilder symbol = new StringBuilder("F");
            for (int c = 0; c < 7; c++) {
                symbol.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
            }
            client.listInstrument(symbol.toString());
            symbols.add(symbol.toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> opened = new ArrayList<>();
            int traders = traders(options);
            for (int i = 0; i < options.accounts(); i++) {
                String trader = trader(i, traders);
                opened.add(pool.submit(() -> {
                    String account = client.openAccount(trader);
                    client.deposit(account, CASH, CASH_DEPOSIT);
                    for (String symbol : symbols) {
                        client.deposit(account, symbol, UNITS_DEPOSIT);
                    }
                    return account;
                }));
            }
            List<String> accounts = new ArrayList<>();
            for (Future<String> account : opened) {
                accounts.add(account.get());
            }
            awaitFunds(client, pool, accounts, symbols);
            Universe universe = new Universe(List.copyOf(symbols), List.copyOf(accounts),
                    (System.nanoTime() - started) / 1e9);
            out.printf("Setup: %d instruments (%s), %d accounts of %d traders (%s0..%s%d) funded with %s USD and %s"
                            + " units of each, in %.1f s%n", symbols.size(), String.join(" ", symbols), accounts.size(),
                    traders, TRADER_PREFIX, TRADER_PREFIX, traders - 1, CASH_DEPOSIT, UNITS_DEPOSIT,
                    universe.seconds());
            return universe;
        } finally {
            pool.shutdownNow();
        }
    }

    /** No more traders than accounts: a trader without an account would only be one more client to register. */
    static int traders(Options options) {
        return Math.min(options.traders(), options.accounts());
    }

    /** The trader that opens and trades account i. */
    static String trader(int account, int traders) {
        return TRADER_PREFIX + (account % traders);
    }

    private static void awaitFunds(BourseClient client, ExecutorService pool, List<String> accounts,
                                   List<String> symbols) throws Exception {
        Map<String, BigDecimal> wanted = new HashMap<>();
        wanted.put(CASH, new BigDecimal(CASH_DEPOSIT));
        symbols.forEach(symbol -> wanted.put(symbol, new BigDecimal(UNITS_DEPOSIT)));
        List<String> waiting = new ArrayList<>(accounts);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!waiting.isEmpty()) {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (String account : waiting) {
                checks.add(pool.submit(() -> funded(client.account(account), wanted)));
            }
            List<String> still = new ArrayList<>();
            for (int i = 0; i < waiting.size(); i++) {
                if (!checks.get(i).get()) {
                    still.add(waiting.get(i));
                }
            }
            waiting = still;
            if (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(waiting.size() + " accounts still do not show their deposits"
                            + " after 2 minutes, e.g. " + waiting.get(0));
                }
                Thread.sleep(200);
            }
        }
    }

    private static boolean funded(Optional<JsonNode> account, Map<String, BigDecimal> wanted) {
        if (account.isEmpty()) {
            return false;
        }
        Map<String, BigDecimal> seen = new HashMap<>();
        for (JsonNode balance : account.get().path("balances")) {
            try {
                seen.put(balance.path("asset").asText(), new BigDecimal(balance.path("available").asText()));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        for (Map.Entry<String, BigDecimal> asset : wanted.entrySet()) {
            if (seen.getOrDefault(asset.getKey(), BigDecimal.ZERO).compareTo(asset.getValue()) < 0) {
                return false;
            }
        }
        return true;
    }
}
