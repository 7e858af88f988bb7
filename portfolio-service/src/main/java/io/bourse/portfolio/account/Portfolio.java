package io.bourse.portfolio.account;

import static io.bourse.events.DomainException.required;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bourse.events.Actor;
import io.bourse.events.Assets;
import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.order.Side;
import io.bourse.events.portfolio.AccountFrozen;
import io.bourse.events.portfolio.AccountOpened;
import io.bourse.events.portfolio.AccountUnfrozen;
import io.bourse.events.portfolio.FindAccountOwner;
import io.bourse.events.portfolio.FreezeAccount;
import io.bourse.events.portfolio.ReverseTradeLeg;
import io.bourse.events.portfolio.SettleTradeLeg;
import io.bourse.events.portfolio.TradeLegRejected;
import io.bourse.events.portfolio.TradeLegAnswer;
import io.bourse.events.portfolio.TradeLegReversed;
import io.bourse.events.portfolio.TradeLegState;
import io.bourse.events.portfolio.TradeLegSettled;
import io.bourse.events.portfolio.UnfreezeAccount;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.UnaryOperator;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One account's balances per asset and the holds placed on them for open orders.
 * <p>
 * What a person asks for is checked against the {@link Actor} its command carries, whatever service checked it before:
 * only the owner (or an admin) withdraws or holds funds, only an operator credits or freezes.
 * <p>
 * Every command is idempotent by the id it carries (transaction, reservation, leg), because commands reach this
 * aggregate at least once. The holds of open orders are kept as long as they hold something; what an ended
 * reservation answered and what each settlement leg came to are kept for {@link #REMEMBERED_FOR} after the event
 * that recorded them, and then forgotten as later events arrive, so the state stays bounded by what is live however
 * long the account trades. State lives in non-final fields of concrete collection types holding records, so that a
 * Jackson snapshot written by fields restores it completely; the revision tells Axon to ignore snapshots of the
 * earlier shape, which kept every reservation and leg.
 */
@Aggregate(snapshotTriggerDefinition = "portfolioSnapshotTrigger", cache = "portfolioCache")
@Revision("2")
public class Portfolio {

    /** What {@link ReserveFunds} answers when the hold was placed. */
    public static final String RESERVED = ReserveFunds.RESERVED;
    /** What {@link ReserveFunds} answers when the hold was refused. */
    public static final String REJECTED = ReserveFunds.REJECTED;
    private static final TradeLegAnswer REVERSED = new TradeLegAnswer(TradeLegState.REVERSED, null);
    /**
     * How long an ended reservation and a leg are remembered to answer a repeat: far past the longest a settlement
     * keeps asking for its legs (its deadline times its attempts, ten minutes by default) and past any redelivery
     * of a reservation request, which happens within a processor's batch or a command's timeout.
     */
    static final Duration REMEMBERED_FOR = Duration.ofHours(1);

    @AggregateIdentifier
    private String accountId;
    private String owner;
    private LinkedHashMap<String, Balance> balances = new LinkedHashMap<>();
    private HashMap<String, Reservation> reservations = new HashMap<>();
    // Both in the order their entries were recorded, so the oldest are forgotten first.
    private LinkedHashMap<String, EndedReservation> endedReservations = new LinkedHashMap<>();
    private LinkedHashMap<String, Leg> legs = new LinkedHashMap<>();
    private HashSet<String> transactionIds = new HashSet<>();
    private boolean frozen;

    Portfolio() {
    }

    // Creating on a missing aggregate rather than in a constructor lets a repeated OpenAccount (a client retrying
    // with the same idempotency key) find the account it already opened instead of failing on a duplicate id.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenAccount command, MetaData metaData) {
        String requestedOwner = required(command.owner(), "owner");
        if (!Actor.from(metaData).map(actor -> actor.mayActFor(requestedOwner)).orElse(false)) {
            throw new DomainException(Kind.FORBIDDEN, "OWNER_NOT_SUBJECT",
                    "an account is opened for the token's own subject");
        }
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
    public void handle(DepositAsset command, MetaData metaData) {
        Actor.requireRole(metaData, Actor.OPERATOR);
        String transactionId = required(command.transactionId(), "transactionId");
        String asset = validAsset(command.asset());
        BigDecimal amount = positive(asset, command.amount());
        if (transactionIds.contains(transactionId)) {
            return;
        }
        apply(new AssetDeposited(accountId, transactionId, asset, amount));
    }

    @CommandHandler
    public void handle(WithdrawAsset command, MetaData metaData) {
        Actor.requireOwner(metaData, owner, accountId);
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
    public String handle(ReserveFunds command, MetaData metaData) {
        Actor.requireOwner(metaData, owner, accountId);
        String reservationId = required(command.reservationId(), "reservationId");
        if (reservations.containsKey(reservationId)) {
            return RESERVED;
        }
        EndedReservation ended = endedReservations.get(reservationId);
        if (ended != null) {
            return ended.rejected() ? REJECTED : RESERVED;
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

    /**
     * Settles one side of a trade from the order's hold. Refused (and recorded, so a repeat answers the same) when
     * the account is frozen or the hold cannot cover it; a leg reversed before it settled never settles.
     */
    @CommandHandler
    public TradeLegAnswer handle(SettleTradeLeg command) {
        Leg known = legs.get(required(command.legId(), "legId"));
        if (known != null) {
            return known.answer();
        }
        BigDecimal cash = Assets.normalize(Assets.CASH, command.cashAmount());
        BigDecimal needed = command.side() == Side.BUY ? cash : BigDecimal.valueOf(command.quantity());
        Reservation reservation = reservations.get(command.reservationId());
        if (frozen) {
            apply(new TradeLegRejected(accountId, command.legId(), command.tradeId(), command.side(),
                    TradeLegRejected.ACCOUNT_FROZEN));
            // The trade will not settle, so the part of the hold kept for it goes back to available.
            if (reservation != null) {
                apply(new FundsReleased(accountId, command.reservationId(), reservation.orderId(),
                        reservation.asset(), needed.min(reservation.remaining())));
            }
            return new TradeLegAnswer(TradeLegState.REJECTED, TradeLegRejected.ACCOUNT_FROZEN);
        }
        if (reservation == null || reservation.remaining().compareTo(needed) < 0) {
            apply(new TradeLegRejected(accountId, command.legId(), command.tradeId(), command.side(),
                    TradeLegRejected.RESERVATION_SHORT));
            return new TradeLegAnswer(TradeLegState.REJECTED, TradeLegRejected.RESERVATION_SHORT);
        }
        apply(new TradeLegSettled(accountId, command.legId(), command.tradeId(), command.side(),
                command.reservationId(), command.symbol(), command.quantity(), command.price(), cash));
        return new TradeLegAnswer(TradeLegState.SETTLED, null);
    }

    /** Compensation: moves a settled leg back to available; marks an unsettled one void. Works when frozen. */
    @CommandHandler
    public TradeLegAnswer handle(ReverseTradeLeg command) {
        Leg leg = legs.get(required(command.legId(), "legId"));
        if (leg != null && leg.state() == Leg.State.REVERSED) {
            return leg.answer();
        }
        if (leg == null || leg.state() == Leg.State.REJECTED) {
            apply(new TradeLegReversed(accountId, command.legId(), command.tradeId(), leg == null ? null : leg.side(),
                    leg == null ? null : leg.symbol(), 0, null, BigDecimal.ZERO, false));
            return REVERSED;
        }
        String returned = leg.side() == Side.BUY ? leg.symbol() : Assets.CASH;
        BigDecimal amount = leg.side() == Side.BUY ? BigDecimal.valueOf(leg.quantity()) : leg.cashAmount();
        if (available(returned).compareTo(amount) < 0) {
            throw new InsufficientBalanceException("cannot reverse leg " + command.legId() + ": only "
                    + available(returned).toPlainString() + " " + returned + " available");
        }
        apply(new TradeLegReversed(accountId, command.legId(), command.tradeId(), leg.side(), leg.symbol(),
                leg.quantity(), leg.price(), leg.cashAmount(), true));
        return REVERSED;
    }

    @CommandHandler
    public void handle(FreezeAccount command, MetaData metaData) {
        Actor.requireRole(metaData, Actor.OPERATOR);
        if (!frozen) {
            apply(new AccountFrozen(accountId, command.reason()));
        }
    }

    @CommandHandler
    public void handle(UnfreezeAccount command, MetaData metaData) {
        Actor.requireRole(metaData, Actor.OPERATOR);
        if (frozen) {
            apply(new AccountUnfrozen(accountId));
        }
    }

    /** Whose the account is, for another service's ownership checks; asking changes nothing. */
    @CommandHandler
    public String handle(FindAccountOwner query) {
        return owner;
    }

    @EventSourcingHandler
    void on(TradeLegSettled event, @Timestamp Instant at) {
        BigDecimal units = BigDecimal.valueOf(event.quantity());
        if (event.side() == Side.BUY) {
            balances.put(Assets.CASH, balanceOf(Assets.CASH).consume(event.cashAmount()));
            balances.put(event.symbol(), balanceOf(event.symbol()).credit(units));
            changeReservation(event.reservationId(), r -> r.consume(event.cashAmount()), at);
        } else {
            balances.put(event.symbol(), balanceOf(event.symbol()).consume(units));
            balances.put(Assets.CASH, balanceOf(Assets.CASH).credit(event.cashAmount()));
            changeReservation(event.reservationId(), r -> r.consume(units), at);
        }
        recordLeg(event.legId(), new Leg(event.side(), event.symbol(), event.quantity(), event.price(),
                event.cashAmount(), Leg.State.SETTLED, null, at));
    }

    @EventSourcingHandler
    void on(TradeLegRejected event, @Timestamp Instant at) {
        recordLeg(event.legId(), new Leg(event.side(), null, 0, null, BigDecimal.ZERO, Leg.State.REJECTED,
                event.reason(), at));
    }

    @EventSourcingHandler
    void on(TradeLegReversed event, @Timestamp Instant at) {
        if (event.undone()) {
            BigDecimal units = BigDecimal.valueOf(event.quantity());
            if (event.side() == Side.BUY) {
                balances.put(event.symbol(), balanceOf(event.symbol()).debit(units));
                balances.put(Assets.CASH, balanceOf(Assets.CASH).credit(event.cashAmount()));
            } else {
                balances.put(Assets.CASH, balanceOf(Assets.CASH).debit(event.cashAmount()));
                balances.put(event.symbol(), balanceOf(event.symbol()).credit(units));
            }
        }
        Leg leg = legs.get(event.legId());
        recordLeg(event.legId(), leg == null
                ? new Leg(event.side(), event.symbol(), 0, null, BigDecimal.ZERO, Leg.State.REVERSED, null, at)
                : leg.reversed());
    }

    /** A leg keeps its place (and its time) when it changes, so the oldest are always first. */
    private void recordLeg(String legId, Leg leg) {
        legs.put(legId, leg);
        forgetBefore(leg.at().minus(REMEMBERED_FOR));
    }

    @EventSourcingHandler
    void on(AccountFrozen event) {
        frozen = true;
    }

    @EventSourcingHandler
    void on(AccountUnfrozen event) {
        frozen = false;
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
    void on(FundsReservationRejected event, @Timestamp Instant at) {
        endReservation(event.reservationId(), true, at);
    }

    @EventSourcingHandler
    void on(FundsReleased event, @Timestamp Instant at) {
        balances.put(event.asset(), balanceOf(event.asset()).unhold(event.amount()));
        changeReservation(event.reservationId(), reservation -> reservation.release(event.amount()), at);
    }

    /** Applies a change to an open hold; a hold with nothing left has ended. */
    private void changeReservation(String reservationId, UnaryOperator<Reservation> change, Instant at) {
        Reservation changed = reservations.computeIfPresent(reservationId, (id, held) -> change.apply(held));
        if (changed != null && changed.used()) {
            endReservation(reservationId, false, at);
        }
    }

    private void endReservation(String reservationId, boolean rejected, Instant at) {
        reservations.remove(reservationId);
        endedReservations.put(reservationId, new EndedReservation(rejected, at));
        forgetBefore(at.minus(REMEMBERED_FOR));
    }

    /** Forgets the ended reservations and the legs recorded before {@code cutoff}, oldest first. */
    private void forgetBefore(Instant cutoff) {
        Iterator<EndedReservation> ended = endedReservations.values().iterator();
        while (ended.hasNext() && ended.next().endedAt().isBefore(cutoff)) {
            ended.remove();
        }
        Iterator<Leg> recorded = legs.values().iterator();
        while (recorded.hasNext() && recorded.next().at().isBefore(cutoff)) {
            recorded.remove();
        }
    }

    int openReservations() {
        return reservations.size();
    }

    int endedReservationsKept() {
        return endedReservations.size();
    }

    int legsKept() {
        return legs.size();
    }

    /** One balance as it stands; an asset never held reads as zero. */
    Balance balanceOf(String asset) {
        return balances.getOrDefault(asset, Balance.NONE);
    }

    private BigDecimal available(String asset) {
        return balanceOf(asset).available();
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
