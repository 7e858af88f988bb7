package io.bourse.portfolio.account;

import io.bourse.events.Assets;
import io.bourse.events.order.Side;
import io.bourse.events.portfolio.AccountFrozen;
import io.bourse.events.portfolio.AccountOpened;
import io.bourse.events.portfolio.AccountUnfrozen;
import io.bourse.events.portfolio.TradeLegReversed;
import io.bourse.events.portfolio.TradeLegSettled;
import io.bourse.portfolio.account.AccountView.PositionView;
import java.math.RoundingMode;
import io.bourse.events.portfolio.AssetDeposited;
import io.bourse.events.portfolio.AssetWithdrawn;
import io.bourse.events.portfolio.FundsReleased;
import io.bourse.events.portfolio.FundsReserved;
import io.bourse.portfolio.account.AccountView.BalanceView;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * Accounts and their balances in {@code account_view} and {@code balance_view}.
 * <p>
 * Balance events carry amounts, not the resulting balance, so applying one twice would count it twice. Each account
 * row therefore remembers the sequence number of the last Portfolio event applied to it, and an event at or below
 * that number (a redelivery after a crash or a retried batch) is skipped. Events of one account arrive in order
 * because the processor sequences them by aggregate.
 */
@Component
@ProcessingGroup("accounts")
public class AccountProjection {

    private final JdbcTemplate jdbc;

    public AccountProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccountOpened event, @Timestamp Instant openedAt, @SequenceNumber long sequence) {
        jdbc.update("""
                insert into account_view (account_id, owner, opened_at, last_sequence) values (?, ?, ?, ?)
                on conflict (account_id) do nothing""",
                event.accountId(), event.owner(), OffsetDateTime.ofInstant(openedAt, ZoneOffset.UTC), sequence);
    }

    @EventHandler
    void on(AssetDeposited event, @SequenceNumber long sequence) {
        if (advance(event.accountId(), sequence)) {
            adjust(event.accountId(), event.asset(), event.amount(), BigDecimal.ZERO);
            unitsMoved(event.accountId(), event.asset(), event.amount());
        }
    }

    @EventHandler
    void on(AssetWithdrawn event, @SequenceNumber long sequence) {
        if (advance(event.accountId(), sequence)) {
            adjust(event.accountId(), event.asset(), event.amount().negate(), BigDecimal.ZERO);
            unitsMoved(event.accountId(), event.asset(), event.amount().negate());
        }
    }

    @EventHandler
    void on(FundsReserved event, @SequenceNumber long sequence) {
        change(event.accountId(), sequence, event.asset(), event.amount().negate(), event.amount());
    }

    @EventHandler
    void on(FundsReleased event, @SequenceNumber long sequence) {
        change(event.accountId(), sequence, event.asset(), event.amount(), event.amount().negate());
    }

    @EventHandler
    void on(TradeLegSettled event, @SequenceNumber long sequence) {
        if (!advance(event.accountId(), sequence)) {
            return;
        }
        BigDecimal units = BigDecimal.valueOf(event.quantity());
        if (event.side() == Side.BUY) {
            adjust(event.accountId(), Assets.CASH, BigDecimal.ZERO, event.cashAmount().negate());
            adjust(event.accountId(), event.symbol(), units, BigDecimal.ZERO);
            position(event.accountId(), event.symbol(), event.quantity(), event.cashAmount(), BigDecimal.ZERO);
        } else {
            adjust(event.accountId(), event.symbol(), BigDecimal.ZERO, units.negate());
            adjust(event.accountId(), Assets.CASH, event.cashAmount(), BigDecimal.ZERO);
            BigDecimal costRemoved = averageCostOf(event.accountId(), event.symbol()).multiply(units);
            BigDecimal realized = event.cashAmount().subtract(costRemoved);
            jdbc.update("insert into position_sale (leg_id, cost_removed, realized_pnl) values (?, ?, ?)"
                    + " on conflict do nothing", event.legId(), costRemoved, realized);
            position(event.accountId(), event.symbol(), -event.quantity(), costRemoved.negate(), realized);
        }
    }

    @EventHandler
    void on(TradeLegReversed event, @SequenceNumber long sequence) {
        if (!advance(event.accountId(), sequence) || !event.undone()) {
            return;
        }
        BigDecimal units = BigDecimal.valueOf(event.quantity());
        if (event.side() == Side.BUY) {
            adjust(event.accountId(), event.symbol(), units.negate(), BigDecimal.ZERO);
            adjust(event.accountId(), Assets.CASH, event.cashAmount(), BigDecimal.ZERO);
            position(event.accountId(), event.symbol(), -event.quantity(), event.cashAmount().negate(),
                    BigDecimal.ZERO);
        } else {
            adjust(event.accountId(), Assets.CASH, event.cashAmount().negate(), BigDecimal.ZERO);
            adjust(event.accountId(), event.symbol(), units, BigDecimal.ZERO);
            jdbc.query("select cost_removed, realized_pnl from position_sale where leg_id = ?", rs -> {
                position(event.accountId(), event.symbol(), event.quantity(), rs.getBigDecimal("cost_removed"),
                        rs.getBigDecimal("realized_pnl").negate());
            }, event.legId());
        }
    }

    @EventHandler
    void on(AccountFrozen event) {
        jdbc.update("update account_view set frozen = true where account_id = ?", event.accountId());
    }

    @EventHandler
    void on(AccountUnfrozen event) {
        jdbc.update("update account_view set frozen = false where account_id = ?", event.accountId());
    }

    /** Units deposited enter the position at no cost; units withdrawn leave it at its average cost. */
    private void unitsMoved(String accountId, String asset, BigDecimal amount) {
        if (Assets.isCash(asset)) {
            return;
        }
        BigDecimal cost = amount.signum() >= 0 ? BigDecimal.ZERO
                : averageCostOf(accountId, asset).multiply(amount);
        position(accountId, asset, amount.longValueExact(), cost, BigDecimal.ZERO);
    }

    private BigDecimal averageCostOf(String accountId, String symbol) {
        return jdbc.query("select quantity, cost_basis from position_view where account_id = ? and symbol = ?",
                rs -> rs.next() && rs.getLong("quantity") > 0
                        ? rs.getBigDecimal("cost_basis").divide(BigDecimal.valueOf(rs.getLong("quantity")), 10,
                        RoundingMode.HALF_EVEN)
                        : BigDecimal.ZERO,
                accountId, symbol);
    }

    private void position(String accountId, String symbol, long quantity, BigDecimal cost, BigDecimal realized) {
        int updated = jdbc.update("""
                update position_view
                set quantity = quantity + ?, cost_basis = cost_basis + ?, realized_pnl = realized_pnl + ?
                where account_id = ? and symbol = ?""", quantity, cost, realized, accountId, symbol);
        if (updated == 0) {
            jdbc.update("""
                    insert into position_view (account_id, symbol, quantity, cost_basis, realized_pnl)
                    values (?, ?, ?, ?, ?)""", accountId, symbol, quantity, cost, realized);
        }
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

    private void change(String accountId, long sequence, String asset, BigDecimal available, BigDecimal reserved) {
        if (advance(accountId, sequence)) {
            adjust(accountId, asset, available, reserved);
        }
    }

    /** Whether this event is new to the account's rows; if so it is now the last applied. */
    private boolean advance(String accountId, long sequence) {
        return jdbc.update("update account_view set last_sequence = ? where account_id = ? and last_sequence < ?",
                sequence, accountId, sequence) == 1;
    }

    private void adjust(String accountId, String asset, BigDecimal available, BigDecimal reserved) {
        // Update first, insert only for a new asset: an upsert would check the constraints on the row it proposes
        // to insert, and a proposed withdrawal row is negative.
        int updated = jdbc.update("""
                update balance_view set available = available + ?, reserved = reserved + ?
                where account_id = ? and asset = ?""", available, reserved, accountId, asset);
        if (updated == 0) {
            jdbc.update("insert into balance_view (account_id, asset, available, reserved) values (?, ?, ?, ?)",
                    accountId, asset, available, reserved);
        }
    }
}
