package io.bourse.benchmarks.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    private static final int SYMBOLS = 4;
    private static final int ACCOUNTS = 10;
    private static final int LAG = 20;

    private static List<Request> requests(String mix, long seed, int count) {
        Workload workload = new Workload(Mix.parse(mix), SYMBOLS, ACCOUNTS, 10, LAG, seed);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(workload.next());
        }
        return requests;
    }

    @Test
    void everyCrossingPairIsASellAndABuyOfTheSameSymbolPriceAndQuantityFromTwoAccounts() {
        List<Request> requests = requests("cross:100", 1, 10_000);
        Map<Integer, List<Request>> units = new HashMap<>();
        requests.forEach(request -> units.computeIfAbsent(request.unit(), u -> new ArrayList<>()).add(request));
        units.values().removeIf(unit -> unit.size() < 2 && unit.get(0).slot() == requests.size() - 1);

        assertThat(units).isNotEmpty();
        for (List<Request> pair : units.values()) {
            assertThat(pair).hasSize(2);
            Request sell = pair.get(0);
            Request buy = pair.get(1);
            assertThat(sell.role()).isEqualTo(Role.CROSS_SELL);
            assertThat(sell.side()).isEqualTo(Side.SELL);
            assertThat(buy.role()).isEqualTo(Role.CROSS_BUY);
            assertThat(buy.side()).isEqualTo(Side.BUY);
            assertThat(buy.slot()).isEqualTo(sell.slot() + 1);
            assertThat(buy.symbol()).isEqualTo(sell.symbol());
            assertThat(buy.priceCents()).isEqualTo(sell.priceCents());
            assertThat(buy.quantity()).isEqualTo(sell.quantity());
            assertThat(buy.account()).isNotEqualTo(sell.account());
            assertThat(buy.market()).isFalse();
            assertThat(sell.market()).isFalse();
        }
    }

    @Test
    void onEachSymbolNoAccountBothBuysAndSellsAtTheCrossingPrice() {
        // Any buy may meet any sell at that price: were they ever of one account, the book would refuse the trade.
        Map<Integer, Set<Integer>> sellers = new HashMap<>();
        Map<Integer, Set<Integer>> buyers = new HashMap<>();
        for (Request request : requests("cross:60,market:40", 3, 20_000)) {
            if (request.role().atCrossPrice) {
                assertThat(request.priceCents()).isEqualTo(Workload.CROSS_PRICE_CENTS);
                assertThat(request.quantity()).isEqualTo(10);
                (request.side() == Side.SELL ? sellers : buyers)
                        .computeIfAbsent(request.symbol(), s -> new HashSet<>()).add(request.account());
            }
        }

        assertThat(sellers.keySet()).hasSize(SYMBOLS);
        for (int symbol = 0; symbol < SYMBOLS; symbol++) {
            assertThat(sellers.get(symbol)).doesNotContainAnyElementsOf(buyers.get(symbol));
        }
    }

    @Test
    void restingOrdersStayFarFromTheCrossingPriceOnBothSides() {
        for (Request request : requests("rest:100", 5, 5_000)) {
            assertThat(request.role()).isEqualTo(Role.RESTING);
            if (request.side() == Side.BUY) {
                assertThat(request.priceCents()).isBetween(Workload.REST_BUY_LOW_CENTS, Workload.REST_BUY_HIGH_CENTS);
            } else {
                assertThat(request.priceCents()).isBetween(Workload.REST_SELL_LOW_CENTS,
                        Workload.REST_SELL_HIGH_CENTS);
            }
            assertThat(request.priceCents()).isNotEqualTo(Workload.CROSS_PRICE_CENTS);
        }
    }

    @Test
    void aMarketBuyFollowsItsLiquiditySellOnTheSameSymbolAfterTheLag() {
        List<Request> requests = requests("market:100", 9, 5_000);
        Map<Integer, Request> liquidity = new HashMap<>();
        int buys = 0;
        for (Request request : requests) {
            if (request.role() == Role.LIQUIDITY_SELL) {
                assertThat(request.market()).isFalse();
                liquidity.put(request.unit(), request);
            } else {
                assertThat(request.role()).isEqualTo(Role.MARKET_BUY);
                assertThat(request.market()).isTrue();
                Request sell = liquidity.get(request.unit());
                assertThat(sell).isNotNull();
                assertThat(request.slot() - sell.slot()).isGreaterThanOrEqualTo(LAG);
                assertThat(request.symbol()).isEqualTo(sell.symbol());
                assertThat(request.quantity()).isEqualTo(sell.quantity());
                assertThat(request.priceCents()).isEqualTo(sell.priceCents());
                buys++;
            }
        }
        assertThat(buys).isGreaterThan(2_000);
    }

    @Test
    void aCancelDeletesAnEarlierRestingOrderOnlyOnceAndNotBeforeTheLag() {
        List<Request> requests = requests("cross:70,rest:20,cancel:5,market:5", 11, 20_000);
        Set<Integer> targets = new HashSet<>();
        int cancels = 0;
        for (Request request : requests) {
            if (request.isCancel()) {
                cancels++;
                Request target = requests.get(request.target());
                assertThat(target.role()).isEqualTo(Role.RESTING);
                assertThat(request.slot() - target.slot()).isGreaterThanOrEqualTo(LAG);
                assertThat(targets.add(request.target())).isTrue();
            }
        }
        assertThat(cancels).isGreaterThan(500);
    }

    @Test
    void aCancelWithNothingToCancelPlacesItsOwnRestingOrderFirst() {
        List<Request> requests = requests("cancel:100", 13, 2_000);
        long cancels = requests.stream().filter(Request::isCancel).count();
        long resting = requests.stream().filter(r -> r.role() == Role.RESTING).count();

        assertThat(cancels + resting).isEqualTo(requests.size());
        assertThat(resting - cancels).isLessThanOrEqualTo(LAG);
        for (Request request : requests) {
            if (request.isCancel()) {
                assertThat(requests.get(request.target()).unit()).isEqualTo(request.unit());
            }
        }
    }

    @Test
    void aStepThatEndsAnywhereStillSendsTheRestOfEveryUnitItBegan() {
        for (int count = 1; count <= 300; count++) {
            Workload workload = new Workload(Mix.parse("cross:40,rest:10,cancel:25,market:25"), SYMBOLS, ACCOUNTS, 10,
                    LAG, count);
            List<Request> requests = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                requests.add(workload.next());
            }
            for (Request followUp = workload.nextFollowUp(); followUp != null; followUp = workload.nextFollowUp()) {
                assertThat(followUp.slot()).isGreaterThan(requests.get(requests.size() - 1).slot());
                requests.add(followUp);
            }
            Map<Integer, List<Role>> units = new HashMap<>();
            Map<Integer, Request> bySlot = new HashMap<>();
            for (Request request : requests) {
                units.computeIfAbsent(request.unit(), u -> new ArrayList<>()).add(request.role());
                bySlot.put(request.slot(), request);
                if (request.role() == Role.MARKET_BUY || (request.isCancel() && request.kind() == Kind.CANCEL
                        && bySlot.get(request.target()).unit() == request.unit())) {
                    Request earlier = requests.stream().filter(r -> r.unit() == request.unit()).findFirst().orElseThrow();
                    assertThat(request.slot() - earlier.slot()).isGreaterThanOrEqualTo(LAG);
                }
            }
            for (List<Role> unit : units.values()) {
                if (unit.contains(Role.CROSS_SELL)) {
                    assertThat(unit).containsExactly(Role.CROSS_SELL, Role.CROSS_BUY);
                } else if (unit.contains(Role.LIQUIDITY_SELL)) {
                    assertThat(unit).containsExactly(Role.LIQUIDITY_SELL, Role.MARKET_BUY);
                } else if (unit.contains(Role.RESTING) && unit.size() > 1) {
                    assertThat(unit).containsExactly(Role.RESTING, Role.CANCEL);
                }
            }
            assertThat(workload.nextFollowUp()).isNull();
        }
    }

    @Test
    void theSameSeedGivesTheSameRequestsAndAnotherSeedOthers() {
        assertThat(requests("cross:70,rest:20,cancel:5,market:5", 42, 3_000))
                .isEqualTo(requests("cross:70,rest:20,cancel:5,market:5", 42, 3_000))
                .isNotEqualTo(requests("cross:70,rest:20,cancel:5,market:5", 43, 3_000));
    }

    @Test
    void slotsAreConsecutiveAndSharesOfRequestsFollowTheMix() {
        List<Request> requests = requests("cross:70,rest:20,cancel:5,market:5", 17, 50_000);
        Map<Kind, Integer> byKind = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            assertThat(requests.get(i).slot()).isEqualTo(i);
            Kind kind = requests.get(i).role() == Role.CANCEL ? Kind.CANCEL : requests.get(i).kind();
            byKind.merge(kind, 1, Integer::sum);
        }

        assertThat(byKind.get(Kind.CROSS) / (double) requests.size()).isCloseTo(0.70, within(0.02));
        assertThat(byKind.get(Kind.REST) / (double) requests.size()).isCloseTo(0.20, within(0.02));
        assertThat(byKind.get(Kind.MARKET) / (double) requests.size()).isCloseTo(0.05, within(0.01));
        assertThat(byKind.get(Kind.CANCEL) / (double) requests.size()).isCloseTo(0.05, within(0.01));
    }

    @Test
    void symbolsTakeTurns() {
        List<Request> requests = requests("rest:100", 19, 8);

        assertThat(requests).extracting(Request::symbol).containsExactly(0, 1, 2, 3, 0, 1, 2, 3);
    }
}
