package io.bourse.benchmarks.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Follows a step's orders to their end once the requests are sent: every order to the status its role expects,
 * every trade among them to SETTLED (or FAILED). Nothing is polled while the load runs. Afterwards the orders are
 * read in bulk per account while many are unfinished, then one by one; the latencies come from the servers' own
 * timestamps (createdAt, updatedAt, executedAt, settledAt), so how often this looks does not change them.
 */
final class FlowTracker implements AutoCloseable {

    /** What became of a step's orders and trades. Times from server timestamps unless named observed. */
    record Flow(boolean finished, Duration drain, Duration observedDrain, Instant finishedAt,
                Histogram placedToStatus, Histogram tradeToSettled, Map<String, Long> outcomes, long reached,
                long unexpected, long orphaned, long pending, long trades, long settled, long settlementsFailed,
                long settlementsPending, long tradesMissing, Instant lastSettledAt, Completion.Carry carry,
                long reads, long readErrors) {

        /** Orders of settled trades per second, from the step's first due time to its last settlement. */
        double settledOrdersPerSecond(Instant stepStart) {
            if (lastSettledAt == null || settled == 0) {
                return 0;
            }
            double seconds = Duration.between(stepStart, lastSettledAt).toNanos() / 1e9;
            return seconds > 0 ? 2 * settled / seconds : 0;
        }
    }

    private static final class Tracked {
        final Sent sent;
        final String orderId;
        String status;
        Instant createdAt;
        Instant updatedAt;
        JsonNode trade;
        String settlementStatus;
        Instant settledAt;

        Tracked(Sent sent) {
            this.sent = sent;
            this.orderId = sent.orderId();
        }

        Request request() {
            return sent.request;
        }

        boolean filledBuyAtCrossPrice() {
            return request().role().atCrossPrice && request().side() == Side.BUY && "FILLED".equals(status);
        }

        boolean settlementFinal() {
            return "SETTLED".equals(settlementStatus) || "FAILED".equals(settlementStatus);
        }
    }

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

    private final BourseClient client;
    private final List<String> accounts;
    private final ExecutorService readers;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong readErrors = new AtomicLong();
    private final int bulkAbove;

    FlowTracker(BourseClient client, List<String> accounts, int concurrency) {
        this.client = client;
        this.accounts = accounts;
        this.readers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "flow-read");
            thread.setDaemon(true);
            return thread;
        });
        // One bulk round costs a request per account; below a few per account, single reads are cheaper.
        this.bulkAbove = 4 * accounts.size();
    }

    Flow follow(OpenLoop.Intake intake, Completion.Carry carry, Duration timeout) throws InterruptedException {
        reads.set(0);
        readErrors.set(0);
        List<Tracked> tracked = new ArrayList<>();
        Map<String, Tracked> byId = new HashMap<>();
        Map<String, Long> failed = new HashMap<>();
        Map<String, Long> unanswered = new HashMap<>();
        for (Sent sent : intake.sent()) {
            Request request = sent.request;
            if (!request.role().placesAnOrder()) {
                continue;
            }
            if (sent.succeeded() && sent.orderId() != null) {
                Tracked order = new Tracked(sent);
                tracked.add(order);
                byId.put(order.orderId, order);
            } else if (request.role().atCrossPrice) {
                failed.merge(Completion.key(request.symbol(), request.side()), 1L, Long::sum);
                if (sent.status() == Sent.NO_ANSWER || sent.status() == 0) {
                    unanswered.merge(Completion.key(request.symbol(), request.side()), 1L, Long::sum);
                }
            }
        }
        Instant since = intake.wallAtFirstDue().minus(CLOCK_SLACK);
        long deadline = intake.lastDueNanos() + timeout.toNanos();
        boolean ordersCut = false;
        boolean tradesCut = false;
        boolean settlementsCut = false;
        Completion.Judgement judgement;
        boolean finished;
        while (true) {
            judgement = judge(tracked, failed, unanswered, carry);
            List<Tracked> unsettledOrders = new ArrayList<>();
            for (int i = 0; i < tracked.size(); i++) {
                Completion.State state = judgement.states()[i];
                if (state == Completion.State.PENDING || state == Completion.State.ORPHANED) {
                    unsettledOrders.add(tracked.get(i));
                }
            }
            if (!unsettledOrders.isEmpty()) {
                if (unsettledOrders.size() > bulkAbove && !ordersCut) {
                    ordersCut = readOrdersInBulk(byId, since);
                } else {
                    readOrdersOneByOne(unsettledOrders);
                }
                judgement = judge(tracked, failed, unanswered, carry);
            }
            List<Tracked> withoutTrade = tracked.stream().filter(t -> t.filledBuyAtCrossPrice() && t.trade == null)
                    .toList();
            if (!withoutTrade.isEmpty()) {
                if (withoutTrade.size() > bulkAbove && !tradesCut) {
                    tradesCut = readTradesInBulk(byId, since);
                } else {
                    readTradesOneByOne(withoutTrade);
                }
            }
            List<Tracked> unsettled = tracked.stream().filter(t -> t.trade != null && !t.settlementFinal()).toList();
            if (!unsettled.isEmpty()) {
                if (unsettled.size() > bulkAbove && !settlementsCut) {
                    settlementsCut = readSettlementsInBulk(tracked);
                } else {
                    readSettlementsOneByOne(unsettled);
                }
            }
            boolean ordersDone = judgement.count(Completion.State.PENDING) == 0;
            boolean tradesDone = tracked.stream().noneMatch(t -> t.filledBuyAtCrossPrice()
                    && (t.trade == null || !t.settlementFinal()));
            finished = ordersDone && tradesDone;
            if (finished || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        return summarize(intake, tracked, judgement, finished, System.nanoTime());
    }

    private Flow summarize(OpenLoop.Intake intake, List<Tracked> tracked, Completion.Judgement judgement,
                           boolean finished, long observedNanos) {
        Histogram placedToStatus = new Histogram(OpenLoop.HIGHEST_MICROS, 3);
        Histogram tradeToSettled = new Histogram(OpenLoop.HIGHEST_MICROS, 3);
        Map<String, Long> outcomes = new TreeMap<>();
        Instant finishedAt = null;
        Instant lastSettled = null;
        long trades = 0;
        long settled = 0;
        long failedSettlements = 0;
        long pendingSettlements = 0;
        long missing = 0;
        for (int i = 0; i < tracked.size(); i++) {
            Tracked order = tracked.get(i);
            Completion.State state = judgement.states()[i];
            outcomes.merge(order.request().role().name() + " " + (order.status == null ? "NOT_VISIBLE" : order.status),
                    1L, Long::sum);
            if (state != Completion.State.PENDING) {
                finishedAt = Times.later(finishedAt, order.updatedAt);
            }
            // A cancelled order's last change is its cancel, not the moment it rested: not a latency of the flow.
            if (state == Completion.State.REACHED && !"CANCELLED".equals(order.status) && order.createdAt != null
                    && order.updatedAt != null) {
                record(placedToStatus, Duration.between(order.createdAt, order.updatedAt));
            }
            if (order.filledBuyAtCrossPrice()) {
                if (order.trade == null) {
                    missing++;
                    continue;
                }
                trades++;
                if ("SETTLED".equals(order.settlementStatus)) {
                    settled++;
                    lastSettled = Times.later(lastSettled, order.settledAt);
                    finishedAt = Times.later(finishedAt, order.settledAt);
                    Instant executed = Times.instant(order.trade.path("executedAt"));
                    if (executed != null && order.settledAt != null) {
                        record(tradeToSettled, Duration.between(executed, order.settledAt));
                    }
                } else if ("FAILED".equals(order.settlementStatus)) {
                    failedSettlements++;
                } else {
                    pendingSettlements++;
                }
            }
        }
        Instant lastDue = intake.wall(intake.lastDueNanos());
        Duration drain = finishedAt == null || finishedAt.isBefore(lastDue) ? Duration.ZERO
                : Duration.between(lastDue, finishedAt);
        Duration observed = Duration.ofNanos(Math.max(0, observedNanos - intake.lastDueNanos()));
        return new Flow(finished, drain, observed, finishedAt, placedToStatus, tradeToSettled, outcomes,
                judgement.count(Completion.State.REACHED), judgement.count(Completion.State.UNEXPECTED),
                judgement.count(Completion.State.ORPHANED), judgement.count(Completion.State.PENDING), trades, settled,
                failedSettlements, pendingSettlements, missing, lastSettled, judgement.carry(), reads.get(),
                readErrors.get());
    }

    private static void record(Histogram histogram, Duration duration) {
        histogram.recordValue(Math.min(OpenLoop.HIGHEST_MICROS, Times.micros(duration.isNegative() ? Duration.ZERO
                : duration)));
    }

    private static Completion.Judgement judge(List<Tracked> tracked, Map<String, Long> failed,
                                              Map<String, Long> unanswered, Completion.Carry carry) {
        List<Completion.Order> orders = new ArrayList<>(tracked.size());
        for (Tracked order : tracked) {
            Request request = order.request();
            orders.add(new Completion.Order(request.role(), request.symbol(), request.side(),
                    order.sent.expectedStatus(), order.status));
        }
        return Completion.judge(orders, failed, unanswered, carry);
    }

    private static void update(Tracked order, JsonNode view) {
        order.status = view.path("status").asText(null);
        order.createdAt = Times.instant(view.path("createdAt"));
        order.updatedAt = Times.instant(view.path("updatedAt"));
    }

    /** True when some account's list may have been cut short, so that bulk reads cannot be trusted to be whole. */
    private boolean readOrdersInBulk(Map<String, Tracked> byId, Instant since) throws InterruptedException {
        List<BourseClient.Listing> listings = forEach(accounts, account -> client.ordersOf(account,
                item -> isBefore(Times.instant(item.path("createdAt")), since)));
        boolean cut = false;
        for (BourseClient.Listing listing : listings) {
            cut |= listing.possiblyCut();
            for (JsonNode item : listing.items()) {
                Tracked order = byId.get(item.path("orderId").asText());
                if (order != null) {
                    update(order, item);
                }
            }
        }
        return cut;
    }

    private void readOrdersOneByOne(List<Tracked> orders) throws InterruptedException {
        List<Optional<JsonNode>> views = forEach(orders, order -> client.order(accountOf(order), order.orderId));
        for (int i = 0; i < orders.size(); i++) {
            Optional<JsonNode> view = views.get(i);
            if (view != null && view.isPresent()) {
                update(orders.get(i), view.get());
            }
        }
    }

    private boolean readTradesInBulk(Map<String, Tracked> byId, Instant since) throws InterruptedException {
        List<BourseClient.Listing> listings = forEach(accounts, account -> client.tradesOf(account,
                item -> isBefore(Times.instant(item.path("executedAt")), since)));
        boolean cut = false;
        for (BourseClient.Listing listing : listings) {
            cut |= listing.possiblyCut();
            // Through the seller's account a trade names no buy order: the buyer's own list is what finds it.
            for (JsonNode trade : listing.items()) {
                Tracked buy = byId.get(trade.path("buyOrderId").asText());
                if (buy != null && buy.trade == null) {
                    buy.trade = trade;
                }
            }
        }
        return cut;
    }

    private void readTradesOneByOne(List<Tracked> buys) throws InterruptedException {
        List<List<JsonNode>> found = forEach(buys, buy -> client.tradesOfOrder(accountOf(buy), buy.orderId));
        for (int i = 0; i < buys.size(); i++) {
            if (found.get(i) == null) {
                continue;
            }
            for (JsonNode trade : found.get(i)) {
                if (trade.path("buyOrderId").asText().equals(buys.get(i).orderId)) {
                    buys.get(i).trade = trade;
                }
            }
        }
    }

    private boolean readSettlementsInBulk(List<Tracked> tracked) throws InterruptedException {
        Map<String, Tracked> byTrade = new LinkedHashMap<>();
        Set<String> buyers = new HashSet<>();
        for (Tracked order : tracked) {
            if (order.trade != null) {
                byTrade.put(order.trade.path("tradeId").asText(), order);
                buyers.add(accountOf(order));
            }
        }
        // Newest first: a settlement of none of this step's trades means the step's own are all behind.
        List<BourseClient.Listing> listings = forEach(new ArrayList<>(buyers), account -> client.settlementsOf(account,
                item -> !byTrade.containsKey(item.path("tradeId").asText())));
        boolean cut = false;
        for (BourseClient.Listing listing : listings) {
            cut |= listing.possiblyCut();
            for (JsonNode settlement : listing.items()) {
                Tracked order = byTrade.get(settlement.path("tradeId").asText());
                if (order != null) {
                    settled(order, settlement);
                }
            }
        }
        return cut;
    }

    private void readSettlementsOneByOne(List<Tracked> orders) throws InterruptedException {
        List<Optional<JsonNode>> found = forEach(orders,
                order -> client.settlement(accountOf(order), order.trade.path("tradeId").asText()));
        for (int i = 0; i < orders.size(); i++) {
            if (found.get(i) != null && found.get(i).isPresent()) {
                settled(orders.get(i), found.get(i).get());
            }
        }
    }

    /** The account that placed the order: its owner's token is the one that may read it and what follows from it. */
    private String accountOf(Tracked order) {
        return accounts.get(order.request().account());
    }

    private static void settled(Tracked order, JsonNode settlement) {
        order.settlementStatus = settlement.path("status").asText(null);
        order.settledAt = Times.instant(settlement.path("settledAt"));
    }

    private static boolean isBefore(Instant at, Instant since) {
        return at != null && at.isBefore(since);
    }

    private interface Read<T, R> {
        R apply(T item) throws IOException, InterruptedException;
    }

    /** Runs the reads side by side; a read that fails leaves null in its place and is counted. */
    private <T, R> List<R> forEach(List<T> items, Read<T, R> read) throws InterruptedException {
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(readers.submit(() -> {
                reads.incrementAndGet();
                return read.apply(item);
            }));
        }
        List<R> results = new ArrayList<>(items.size());
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                readErrors.incrementAndGet();
                results.add(null);
            }
        }
        return results;
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
