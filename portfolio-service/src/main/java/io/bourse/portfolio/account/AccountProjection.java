package io.bourse.portfolio.account;

import io.bourse.events.Assets;
import io.bourse.events.portfolio.AccountOpened;
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
        change(event.accountId(), sequence, event.asset(), event.amount(), BigDecimal.ZERO);
    }

    @EventHandler
    void on(AssetWithdrawn event, @SequenceNumber long sequence) {
        change(event.accountId(), sequence, event.asset(), event.amount().negate(), BigDecimal.ZERO);
    }

    @EventHandler
    void on(FundsReserved event, @SequenceNumber long sequence) {
        change(event.accountId(), sequence, event.asset(), event.amount().negate(), event.amount());
    }

    @EventHandler
    void on(FundsReleased event, @SequenceNumber long sequence) {
        change(event.accountId(), sequence, event.asset(), event.amount(), event.amount().negate());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from balance_view");
        jdbc.update("delete from account_view");
    }

    @QueryHandler
    public Optional<AccountView> handle(FindAccount query) {
        List<AccountView> accounts = jdbc.query(
                "select account_id, owner, opened_at from account_view where account_id = ?",
                (rs, row) -> new AccountView(rs.getString("account_id"), rs.getString("owner"),
                        rs.getObject("opened_at", OffsetDateTime.class).toInstant(), balances(query.accountId())),
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
        int advanced = jdbc.update(
                "update account_view set last_sequence = ? where account_id = ? and last_sequence < ?",
                sequence, accountId, sequence);
        if (advanced == 0) {
            return;
        }
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
