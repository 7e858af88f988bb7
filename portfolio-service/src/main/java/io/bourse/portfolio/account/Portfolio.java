package io.bourse.portfolio.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bourse.events.Assets;
import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.portfolio.AccountOpened;
import io.bourse.events.portfolio.AssetDeposited;
import io.bourse.events.portfolio.AssetWithdrawn;
import io.bourse.events.portfolio.DepositAsset;
import io.bourse.events.portfolio.FundsReleased;
import io.bourse.events.portfolio.FundsReservationRejected;
import io.bourse.events.portfolio.FundsReserved;
import io.bourse.events.portfolio.InsufficientBalanceException;
import io.bourse.events.portfolio.OpenAccount;
import io.bourse.events.portfolio.ReleaseFunds;
import io.bourse.events.portfolio.ReserveFunds;
import io.bourse.events.portfolio.WithdrawAsset;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One account's balances per asset and the holds placed on them for open orders.
 * <p>
 * Every command is idempotent by the id it carries (transaction, reservation), because commands reach this
 * aggregate at least once. State lives in non-final fields of concrete collection types holding records, so that a
 * Jackson snapshot written by fields restores it completely.
 */
@Aggregate(snapshotTriggerDefinition = "portfolioSnapshotTrigger", cache = "portfolioCache")
public class Portfolio {

    /** What {@link ReserveFunds} answers when the hold was placed. */
    public static final String RESERVED = "RESERVED";
    /** What {@link ReserveFunds} answers when the hold was refused. */
    public static final String REJECTED = "REJECTED";

    @AggregateIdentifier
    private String accountId;
    private String owner;
    private LinkedHashMap<String, Balance> balances = new LinkedHashMap<>();
    private HashMap<String, Reservation> reservations = new HashMap<>();
    private HashSet<String> transactionIds = new HashSet<>();

    Portfolio() {
    }

    // Creating on a missing aggregate rather than in a constructor lets a repeated OpenAccount (a client retrying
    // with the same idempotency key) find the account it already opened instead of failing on a duplicate id.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenAccount command) {
        String requestedOwner = required(command.owner(), "owner");
        if (accountId != null) {
            if (!owner.equals(requestedOwner)) {
                throw new DomainException(Kind.CONFLICT, "ACCOUNT_EXISTS",
                        "account " + accountId + " is already open for another owner");
            }
            return;
        }
        apply(new AccountOpened(required(command.accountId(), "accountId"), requestedOwner));
    }

    @CommandHandler
    public void handle(DepositAsset command) {
        String transactionId = required(command.transactionId(), "transactionId");
        String asset = validAsset(command.asset());
        BigDecimal amount = positive(asset, command.amount());
        if (transactionIds.contains(transactionId)) {
            return;
        }
        apply(new AssetDeposited(accountId, transactionId, asset, amount));
    }

    @CommandHandler
    public void handle(WithdrawAsset command) {
        String transactionId = required(command.transactionId(), "transactionId");
        String asset = validAsset(command.asset());
        BigDecimal amount = positive(asset, command.amount());
        if (transactionIds.contains(transactionId)) {
            return;
        }
        BigDecimal available = available(asset);
        if (available.compareTo(amount) < 0) {
            throw new InsufficientBalanceException("cannot withdraw " + amount.toPlainString() + " " + asset
                    + " from account " + accountId + ": " + available.toPlainString() + " available");
        }
        apply(new AssetWithdrawn(accountId, transactionId, asset, amount));
    }

    /** Answers {@link #RESERVED} or {@link #REJECTED}; a repeat answers as the first time did. */
    @CommandHandler
    public String handle(ReserveFunds command) {
        String reservationId = required(command.reservationId(), "reservationId");
        Reservation known = reservations.get(reservationId);
        if (known != null) {
            return known.rejected() ? REJECTED : RESERVED;
        }
        String orderId = required(command.orderId(), "orderId");
        String asset = validAsset(command.asset());
        BigDecimal amount = positive(asset, command.amount());
        if (available(asset).compareTo(amount) < 0) {
            apply(new FundsReservationRejected(accountId, reservationId, orderId, asset, amount,
                    FundsReservationRejected.INSUFFICIENT_FUNDS));
            return REJECTED;
        }
        apply(new FundsReserved(accountId, reservationId, orderId, asset, amount));
        return RESERVED;
    }

    @CommandHandler
    public void handle(ReleaseFunds command) {
        String reservationId = required(command.reservationId(), "reservationId");
        if (command.amount() == null || command.amount().signum() <= 0) {
            throw invalidAmount();
        }
        Reservation reservation = reservations.get(reservationId);
        if (reservation == null || reservation.closed()) {
            return;
        }
        BigDecimal amount = Assets.normalize(reservation.asset(), command.amount()).min(reservation.remaining());
        apply(new FundsReleased(accountId, reservationId, reservation.orderId(), reservation.asset(), amount));
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        accountId = event.accountId();
        owner = event.owner();
    }

    @EventSourcingHandler
    void on(AssetDeposited event) {
        transactionIds.add(event.transactionId());
        balances.put(event.asset(), balanceOf(event.asset()).credit(event.amount()));
    }

    @EventSourcingHandler
    void on(AssetWithdrawn event) {
        transactionIds.add(event.transactionId());
        balances.put(event.asset(), balanceOf(event.asset()).debit(event.amount()));
    }

    @EventSourcingHandler
    void on(FundsReserved event) {
        balances.put(event.asset(), balanceOf(event.asset()).hold(event.amount()));
        reservations.put(event.reservationId(), Reservation.held(event.orderId(), event.asset(), event.amount()));
    }

    @EventSourcingHandler
    void on(FundsReservationRejected event) {
        reservations.put(event.reservationId(), Reservation.rejected(event.orderId(), event.asset()));
    }

    @EventSourcingHandler
    void on(FundsReleased event) {
        balances.put(event.asset(), balanceOf(event.asset()).unhold(event.amount()));
        reservations.computeIfPresent(event.reservationId(), (id, reservation) -> reservation.release(event.amount()));
    }

    /** One balance as it stands; an asset never held reads as zero. */
    Balance balanceOf(String asset) {
        return balances.getOrDefault(asset, Balance.NONE);
    }

    private BigDecimal available(String asset) {
        return balanceOf(asset).available();
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new DomainException(Kind.INVALID, "MISSING_VALUE", name + " is required");
        }
        return value;
    }

    private static String validAsset(String asset) {
        if (!Assets.isValidAsset(asset)) {
            throw new DomainException(Kind.INVALID, "INVALID_ASSET",
                    "asset must be " + Assets.CASH + " or an instrument symbol, was '" + asset + "'");
        }
        return asset;
    }

    private static BigDecimal positive(String asset, BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw invalidAmount();
        }
        return Assets.normalize(asset, amount);
    }

    private static DomainException invalidAmount() {
        return new DomainException(Kind.INVALID, "INVALID_AMOUNT", "the amount must be greater than zero");
    }
}
