package io.bourse.order.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.events.DomainException;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.PlaceOrder;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceOrderRequestTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void aWellFormedLimitOrderBecomesACommandWithItsPriceSpelledToTheCent() {
        PlaceOrderRequest request = limit("ACME", 10L, "101.5");
        assertThat(validator.validate(request)).isEmpty();
        PlaceOrder command = request.toCommand("o-1", Instant.EPOCH);
        assertThat(command.limitPrice()).isEqualTo(new BigDecimal("101.50"));
        assertThat(command.orderId()).isEqualTo("o-1");
    }

    @Test
    void pricesArePositivePlainDecimals() {
        for (String price : new String[] {"0", "0.00", "-1.00", "1e3", "12.3.4", "abc", " 1.00"}) {
            assertThat(invalidFields(limit("ACME", 10L, price))).as(price).containsExactly("limitPrice");
        }
    }

    @Test
    void quantityAndPriceHaveUpperBounds() {
        assertThat(invalidFields(limit("ACME", 1_000_000_000L, "1000000000"))).isEmpty();
        assertThat(invalidFields(limit("ACME", 1_000_000_001L, "1.00"))).containsExactly("quantity");
        assertThat(invalidFields(limit("ACME", 10L, "1000000000.01"))).containsExactly("limitPrice");
    }

    @Test
    void aMarketSellNamesNoPriceButAMarketBuyMay() {
        PlaceOrderRequest sell = new PlaceOrderRequest("alice", "ACME", Side.SELL, OrderType.MARKET,
                TimeInForce.IOC, 10L, "1.00", null);
        assertThatThrownBy(sell::requirePriceRules).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo("LIMIT_PRICE_NOT_ALLOWED"));
        new PlaceOrderRequest("alice", "ACME", Side.BUY, OrderType.MARKET, TimeInForce.IOC, 10L, "1.00", null)
                .requirePriceRules();
    }

    @Test
    void symbolsFollowTheContractsRule() {
        assertThat(invalidFields(limit("acme", 10L, "1.00"))).containsExactly("symbol");
        assertThat(invalidFields(limit("USD", 10L, "1.00"))).containsExactly("symbol");
        assertThat(invalidFields(limit("ACME", 0L, "1.00"))).containsExactly("quantity");
    }

    @Test
    void aLimitOrderNeedsALimitPrice() {
        PlaceOrderRequest request = new PlaceOrderRequest("alice", "ACME", Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, 10L, null, null);
        assertThat(validator.validate(request)).isEmpty();
        assertThatThrownBy(request::requirePriceRules)
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID));
    }

    private static PlaceOrderRequest limit(String symbol, Long quantity, String price) {
        return new PlaceOrderRequest("alice", symbol, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, quantity, price,
                null);
    }

    private List<String> invalidFields(PlaceOrderRequest request) {
        return validator.validate(request).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).distinct().toList();
    }
}
