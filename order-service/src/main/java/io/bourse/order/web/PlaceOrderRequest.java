package io.bourse.order.web;

import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.PlaceOrder;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;

public record PlaceOrderRequest(
        @NotBlank @Size(max = 64) String accountId,
        @NotNull @ValidSymbol String symbol,
        @NotNull Side side,
        @NotNull OrderType type,
        @NotNull TimeInForce timeInForce,
        @NotNull @Positive Long quantity,
        @Pattern(regexp = Decimals.POSITIVE, message = Decimals.POSITIVE_MESSAGE) String limitPrice,
        @Size(max = 64) String clientOrderId) {

    /** The rule that spans two fields; checked before the idempotency key is spent on a request that cannot succeed. */
    void requireLimitPriceForLimitOrder() {
        if (type == OrderType.LIMIT && limitPrice == null) {
            throw new DomainException(Kind.INVALID, "LIMIT_PRICE_REQUIRED", "a LIMIT order needs a limitPrice");
        }
    }

    PlaceOrder toCommand(String orderId, Instant placedAt) {
        return new PlaceOrder(symbol, orderId, accountId, side, type, timeInForce, quantity,
                Decimals.parse(limitPrice), clientOrderId, placedAt);
    }
}
