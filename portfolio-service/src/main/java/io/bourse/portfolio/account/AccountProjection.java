package io.bourse.portfolio.account;

import io.bourse.events.Assets;
import io.bourse.events.order.Side;
import io.bourse.events.portfolio.AccountFrozen;
import io.bourse.events.portfolio.AccountOpened;
import io.bourse.events.portfolio.AccountUnfrozen;
import io.bourse.events.portfolio.AssetDeposited;
import io.bourse.events.portfolio.AssetWithdrawn;
import io.bourse.events.portfolio.FundsReleased;
import io.bourse.events.portfolio.FundsReserved;
import io.bourse.events.portfolio.TradeLegRejected;
import io.bourse.events.portfolio.TradeLegReversed;
import io.bourse.events.portfolio.TradeLegSettled;
import io.bourse.platform.messaging.BatchWrites;
import io.bourse.portfolio.account.AccountView.BalanceView;
import io.bourse.portfolio.account.AccountView.PositionView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Accounts, their balances and positions in {@code account_view}, {@code balance_view} and {@code position_view}.
 * <p>
 * Balance events carry amounts, not the resulting balance, so applying one twice would count it twice. Each account
 * row therefore remembers the sequence number of the last Portfolio event applied to it, and an event at or below
 * that number (a redelivery after a crash or a retried batch) is skipped. Events of one account arrive in order
 * because the processor sequences them by aggregate.
 * <p>
 * The handlers only queue each event's change; the processor's batch applies them all at once when it prepares to
 * commit ({@link AccountRows}), so a batch reads and writes each account it touches once, not once per event.
 */
@Component
@ProcessingGroup("accounts")
public class AccountProjection {

    private final JdbcTemplate jdbc;
    private final AccountStreams streams;

    public AccountProjection(JdbcTemplate jdbc, AccountStreams streams) {
        this.jdbc = jdbc;
        this.streams = streams;
    }

    /** The batch's rows, written as it prepares to commit; then what they changed goes to the account streams. */
    private AccountRows batch() {
        return BatchWrites.of(this, () -> new AccountRows(jdbc), rows -> {
            rows.write();
            streams.written(rows.written(), rows.legs(), accountId -> handle(new FindAccount(accountId)));
        });
    }

    @EventHandler
    void on(AccountOpened event, @Timestamp Instant openedAt, @SequenceNumber long sequence) {
        batch().open(event.accountId(), sequence, event.owner(), openedAt);
    }

    @EventHandler
    void on(AssetDeposited event, @SequenceNumber long sequence) {
        batch().change(event.accountId(), sequence, account -> {
            account.adjust(event.asset(), event.amount(), BigDecimal.ZERO);
            unitsMoved(account, event.asset(), event.amount());
        });
    }

    @EventHandler
    void on(AssetWithdrawn event, @SequenceNumber long sequence) {
        batch().change(event.accountId(), sequence, account -> {
            account.adjust(event.asset(), event.amount().negate(), BigDecimal.ZERO);
            unitsMoved(account, event.asset(), event.amount().negate());
        });
    }

    @EventHandler
    void on(FundsReserved event, @SequenceNumber long sequence) {
        batch().change(event.accountId(), sequence,
                account -> account.adjust(event.asset(), event.amount().negate(), event.amount()));
    }

    @EventHandler
    void on(FundsReleased event, @SequenceNumber long sequence) {
        batch().change(event.accountId(), sequence,
                account -> account.adjust(event.asset(), event.amount(), event.amount().negate()));
    }

    @EventHandler
    void on(TradeLegSettled event, @SequenceNumber long sequence) {
        BigDecimal units = BigDecimal.valueOf(event.quantity());
        batch().change(event.accountId(), sequence, account -> {
            account.settlementLeg(AccountStreams.SettlementLeg.settled(event));
            if (event.side() == Side.BUY) {
                account.adjust(Assets.CASH, BigDecimal.ZERO, event.cashAmount().negate());
                account.adjust(event.symbol(), units, BigDecimal.ZERO);
                account.position(event.symbol(), event.quantity(), event.cashAmount(), BigDecimal.ZERO);
            } else {
                account.adjust(event.symbol(), BigDecimal.ZERO, units.negate());
                account.adjust(Assets.CASH, event.cashAmount(), BigDecimal.ZERO);
                BigDecimal costRemoved = account.averageCost(event.symbol()).multiply(units);
                BigDecimal realized = event.cashAmount().subtract(costRemoved);
                account.sold(event.legId(), new AccountRows.Sale(costRemoved, realized));
                account.position(event.symbol(), -event.quantity(), costRemoved.negate(), realized);
            }
        });
    }

    @EventHandler
    void on(TradeLegReversed event, @SequenceNumber long sequence) {
        BigDecimal units = BigDecimal.valueOf(event.quantity());
        batch().change(event.accountId(), sequence, account -> {
            if (!event.undone()) {
                return;
            }
            account.settlementLeg(AccountStreams.SettlementLeg.reversed(event));
            if (event.side() == Side.BUY) {
                account.adjust(event.symbol(), units.negate(), BigDecimal.ZERO);
                account.adjust(Assets.CASH, event.cashAmount(), BigDecimal.ZERO);
                account.position(event.symbol(), -event.quantity(), event.cashAmount().negate(), BigDecimal.ZERO);
            } else {
                account.adjust(Assets.CASH, event.cashAmount().negate(), BigDecimal.ZERO);
                account.adjust(event.symbol(), units, BigDecimal.ZERO);
                AccountRows.Sale sale = account.sale(event.legId());
                if (sale != null) {
                    account.position(event.symbol(), event.quantity(), sale.costRemoved(),
                            sale.realizedPnl().negate());
                }
            }
        });
    }

    /** Nothing moved; only the account's stream hears of it. */
    @EventHandler
    void on(TradeLegRejected event, @SequenceNumber long sequence) {
        batch().change(event.accountId(), sequence,
                account -> account.settlementLeg(AccountStreams.SettlementLeg.rejected(event)));
    }

    @EventHandler
    void on(AccountFrozen event, @SequenceNumber long sequence) {
        batch().change(event.accountId(), sequence, account -> account.frozen(true));
    }

    @EventHandler
    void on(AccountUnfrozen event, @SequenceNumber long sequence) {
        batch().change(event.accountId(), sequence, account -> account.frozen(false));
    }

    /** Units deposited enter the position at no cost; units withdrawn leave it at its average cost. */
    private static void unitsMoved(AccountRows.Account account, String asset, BigDecimal amount) {
        if (Assets.isCash(asset)) {
            return;
        }
        BigDecimal cost = amount.signum() >= 0 ? BigDecimal.ZERO : account.averageCost(asset).multiply(amount);
        account.position(asset, amount.longValueExact(), cost, BigDecimal.ZERO);
    }

    private List<PositionView> positions(String accountId) {
        return jdbc.query("""
                select symbol, quantity, cost_basis, realized_pnl from position_view
                where account_id = ? order by symbol""",
                (rs, row) -> {
                    long quantity = rs.getLong("quantity");
                    BigDecimal averageCost = quantity == 0 ? BigDecimal.ZERO
                            : rs.getBigDecimal("cost_basis").divide(BigDecimal.valueOf(quantity), 6,
                            RoundingMode.HALF_EVEN);
                    return new PositionView(rs.getString("symbol"), quantity, averageCost,
                            rs.getBigDecimal("realized_pnl"));
                },
                accountId);
    }

    @ResetHandler
    void reset() {
        streams.rebuilding();
        jdbc.update("delete from position_sale");
        jdbc.update("delete from position_view");
        jdbc.update("delete from balance_view");
        jdbc.update("delete from account_view");
    }

    @QueryHandler
    public Optional<AccountView> handle(FindAccount query) {
        List<AccountView> accounts = jdbc.query(
                "select account_id, owner, opened_at, frozen from account_view where account_id = ?",
                (rs, row) -> new AccountView(rs.getString("account_id"), rs.getString("owner"),
                        rs.getObject("opened_at", OffsetDateTime.class).toInstant(), rs.getBoolean("frozen"),
                        balances(query.accountId()), positions(query.accountId())),
                query.accountId());
        return accounts.stream().findFirst();
    }

    private List<BalanceView> balances(String accountId) {
        return jdbc.query("""
                select asset, available, reserved from balance_view where account_id = ?
                order by asset <> ?, asset""",
                (rs, row) -> {
                    String asset = rs.getString("asset");
                    return new BalanceView(asset, Assets.normalize(asset, rs.getBigDecimal("available")),
                            Assets.normalize(asset, rs.getBigDecimal("reserved")));
                },
                accountId, Assets.CASH);
    }
}
