package io.bourse.platform.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.events.order.Side;
import io.bourse.events.order.TradeExecuted;
import io.bourse.events.settlement.SettlementStarted;
import io.bourse.platform.serialization.Serialization;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;

class ReservationIdsUpcasterTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:30:00Z");

    private final JacksonSerializer serializer = Serialization.serializer();
    private final EventUpcasterChain upcasters = new EventUpcasterChain(
            new ReservationIdsUpcaster(TradeExecuted.class, "1", "2"),
            new ReservationIdsUpcaster(SettlementStarted.class, "1", "2"));

    @Test
    void aTradeStoredBeforeTheHoldsWereNamedNamesTheHoldsOfItsOrders() {
        Object read = read(TradeExecuted.class, "1", """
                {"symbol":"ACME","tradeId":"ACME-1","buyOrderId":"b-1","sellOrderId":"s-1","buyerAccountId":"alice",
                 "sellerAccountId":"bob","price":100.00,"quantity":3,"aggressorSide":"BUY",
                 "executedAt":"2026-03-02T09:30:00Z"}""");

        assertThat(read).isEqualTo(new TradeExecuted("ACME", "ACME-1", "b-1", "s-1", "alice", "bob", "b-1", "s-1",
                new BigDecimal("100.00"), 3, Side.BUY, AT));
    }

    @Test
    void aSettlementStoredBeforeTheHoldsWereNamedNamesTheHoldsOfItsOrders() {
        Object read = read(SettlementStarted.class, "1", """
                {"tradeId":"ACME-1","symbol":"ACME","price":100.00,"quantity":3,"buyOrderId":"b-1",
                 "sellOrderId":"s-1","buyerAccountId":"alice","sellerAccountId":"bob",
                 "startedAt":"2026-03-02T09:30:00Z"}""");

        assertThat(read).isEqualTo(new SettlementStarted("ACME-1", "ACME", new BigDecimal("100.00"), 3, "b-1", "s-1",
                "alice", "bob", "b-1", "s-1", AT));
    }

    @Test
    void aTradeThatNamesItsHoldsIsReadAsItIs() {
        TradeExecuted current = new TradeExecuted("ACME", "ACME-2", "b-2", "s-2", "alice", "bob", "hold-b", "hold-s",
                new BigDecimal("101.00"), 1, Side.SELL, AT);
        String json = new String(serializer.serialize(current, byte[].class).getData(), StandardCharsets.UTF_8);

        assertThat(read(TradeExecuted.class, "2", json)).isEqualTo(current);
    }

    private Object read(Class<?> type, String revision, String json) {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("OrderBook", "ACME", 7, "event-1", AT,
                type.getName(), revision, json.getBytes(StandardCharsets.UTF_8),
                serializer.serialize(MetaData.emptyInstance(), byte[].class).getData());
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(stored), serializer, upcasters)
                .next().getPayload();
    }
}
