package io.bourse.order.web;

import io.bourse.events.Assets;
import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.PlaceOrder;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
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
        @NotNull @Positive @Max(Assets.MAX_QUANTITY) Long quantity,
        @Pattern(regexp = Decimals.POSITIVE, message = Decimals.POSITIVE_MESSAGE) @DecimalMax(Assets.MAX_PRICE)
        String limitPrice,
        @Size(max = 64) String clientOrderId) {

    /**
     * The rules that span fields: a LIMIT order names its price, a MARKET BUY may name its worst price, a MARKET SELL
     * names none. Checked before the idempotency key is spent on a request that cannot succeed.
     */
    void requirePriceRules() {
        if (type == OrderType.LIMIT && limitPrice == null) {
            throw new DomainException(Kind.INVALID, "LIMIT_PRICE_REQUIRED", "a LIMIT order needs a limitPrice");
        }
        if (type == OrderType.MARKET && side == Side.SELL && limitPrice != null) {
            throw new DomainException(Kind.INVALID, "LIMIT_PRICE_NOT_ALLOWED",
                    "a MARKET SELL takes no limitPrice; only a MARKET BUY may name its worst price");
        }
    }

    PlaceOrder toCommand(String orderId, Instant placedAt) {
        return new PlaceOrder(symbol, orderId, accountId, side, type, timeInForce, quantity,
                Decimals.parse(limitPrice), clientOrderId, placedAt);
    }
}
