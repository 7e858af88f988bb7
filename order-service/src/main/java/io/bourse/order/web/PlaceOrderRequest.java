package io.bourse.order.web;

import io.bourse.events.Assets;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.DomainException;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.PlaceOrder;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;

@Schema(description = "An order to place")
public record PlaceOrderRequest(
        @Schema(description = "One of the caller's accounts", example = "3f2b8c1e-6a4d-4e2f-9b7a-1c5d8e9f0a21")
        @NotBlank @Size(max = 64) String accountId,
        @Schema(description = "A listed instrument", example = "ACME") @NotNull @ValidSymbol String symbol,
        @Schema(example = "BUY") @NotNull Side side,
        @Schema(description = "LIMIT rests at its price; MARKET never rests", example = "LIMIT") @NotNull
        OrderType type,
        @Schema(description = "GTC rests until filled or cancelled; IOC fills what it can at once; FOK fills "
                + "completely at once or not at all", example = "GTC") @NotNull TimeInForce timeInForce,
        @Schema(description = "Whole units", example = "10") @NotNull @Positive @Max(Assets.MAX_QUANTITY)
        Long quantity,
        @Schema(description = "A decimal string on the instrument's tick grid; a LIMIT order's price, a MARKET BUY's "
                + "worst price", example = "101.25")
        @Pattern(regexp = Decimals.POSITIVE, message = Decimals.POSITIVE_MESSAGE) @DecimalMax(Assets.MAX_PRICE)
        String limitPrice,
        @Schema(description = "The client's own id; also the idempotency key when no Idempotency-Key is sent",
                example = "my-order-42") @Size(max = 64) String clientOrderId) {

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
