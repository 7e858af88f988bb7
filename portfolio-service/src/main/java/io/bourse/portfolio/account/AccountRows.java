package io.bourse.portfolio.account;

import io.bourse.platform.messaging.BatchWrites;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One batch's changes to the accounts read model: the handlers queue each event's change, and {@link #write()} reads
 * the rows of every account the batch touches (three queries), applies the changes in memory in event order, and
 * writes back what changed (a few batched statements). An event at or below an account's {@code last_sequence} was
 * applied before (a redelivery) and is skipped, as is an event of an account the model does not know.
 */
final class AccountRows {

    private final JdbcTemplate jdbc;
    private final List<Change> changes = new ArrayList<>();
    private final Set<String> written = new LinkedHashSet<>();
    private final List<AccountStreams.SettlementLeg> legs = new ArrayList<>();
    /** The sales this batch settles, by leg id. */
    private final Map<String, Sale> sales = new LinkedHashMap<>();

    AccountRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the account, unless the model already has it. */
    void open(String accountId, long sequence, String owner, Instant openedAt) {
        changes.add(new Change(accountId, sequence, new Opening(owner, openedAt), null));
    }

    /** Changes the account, unless this event was applied to it before. */
    void change(String accountId, long sequence, Consumer<Account> change) {
        changes.add(new Change(accountId, sequence, null, change));
    }

    /** The accounts this batch opened or changed, once {@link #write()} has stored them. */
    Set<String> written() {
        return written;
    }

    /** The settlement legs this batch applied, in order, once {@link #write()} has stored them. */
    List<AccountStreams.SettlementLeg> legs() {
        return legs;
    }

    void write() {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Account> accounts = load(changes.stream().map(Change::accountId).distinct().toList());
        for (Change change : changes) {
            Account account = accounts.get(change.accountId());
            if (change.opening() != null) {
                if (account == null) {
                    accounts.put(change.accountId(), new Account(change.accountId(), change.opening(),
                            change.sequence(), false));
                }
            } else if (account != null && change.sequence() > account.lastSequence) {
                change.change().accept(account);
                account.lastSequence = change.sequence();
                account.changed = true;
            }
        }
        store(accounts.values());
        accounts.values().stream().filter(account -> account.changed || account.opening != null)
                .forEach(account -> written.add(account.accountId));
    }

    private Map<String, Account> load(List<String> accountIds) {
        Map<String, Account> accounts = new HashMap<>();
        BatchWrites.readRows(jdbc,
                "select account_id, last_sequence, frozen from account_view where account_id = any(?)",
                accountIds, rs -> {
                    Account account = new Account(rs.getString("account_id"), null, rs.getLong("last_sequence"),
                            rs.getBoolean("frozen"));
                    accounts.put(account.accountId, account);
                });
        BatchWrites.readRows(jdbc,
                "select account_id, asset, available, reserved from balance_view where account_id = any(?)",
                accountIds, rs -> accounts.get(rs.getString("account_id")).balances.put(rs.getString("asset"),
                        new Balance(rs.getBigDecimal("available"), rs.getBigDecimal("reserved"), false)));
        BatchWrites.readRows(jdbc, """
                select account_id, symbol, quantity, cost_basis, realized_pnl from position_view
                where account_id = any(?)""",
                accountIds, rs -> accounts.get(rs.getString("account_id")).positions.put(rs.getString("symbol"),
                        new Position(rs.getLong("quantity"), rs.getBigDecimal("cost_basis"),
                                rs.getBigDecimal("realized_pnl"), false)));
        return accounts;
    }

    /** A sale settled in an earlier batch, for reversing it: rare, so read when asked. */
    private Sale storedSale(String legId) {
        return jdbc.query("select cost_removed, realized_pnl from position_sale where leg_id = ?",
                rs -> rs.next() ? new Sale(rs.getBigDecimal("cost_removed"), rs.getBigDecimal("realized_pnl")) : null,
                legId);
    }

    private void store(Iterable<Account> accounts) {
        List<Object[]> opened = new ArrayList<>();
        List<Object[]> updated = new ArrayList<>();
        List<Object[]> balances = new ArrayList<>();
        List<Object[]> positions = new ArrayList<>();
        for (Account account : accounts) {
            if (account.opening != null) {
                opened.add(new Object[] {account.accountId, account.opening.owner(),
                        OffsetDateTime.ofInstant(account.opening.openedAt(), ZoneOffset.UTC), account.lastSequence,
                        account.frozen});
            } else if (account.changed) {
                updated.add(new Object[] {account.lastSequence, account.frozen, account.accountId});
            }
            account.balances.forEach((asset, balance) -> {
                if (balance.changed) {
                    balances.add(new Object[] {account.accountId, asset, balance.available, balance.reserved});
                }
            });
            account.positions.forEach((symbol, position) -> {
                if (position.changed) {
                    positions.add(new Object[] {account.accountId, symbol, position.quantity, position.costBasis,
                            position.realizedPnl});
                }
            });
        }
        batch("""
                insert into account_view (account_id, owner, opened_at, last_sequence, frozen) values (?, ?, ?, ?, ?)
                on conflict (account_id) do nothing""", opened);
        batch("update account_view set last_sequence = ?, frozen = ? where account_id = ?", updated);
        batch("""
                insert into balance_view (account_id, asset, available, reserved) values (?, ?, ?, ?)
                on conflict (account_id, asset) do update set available = excluded.available,
                                                              reserved = excluded.reserved""", balances);
        batch("""
                insert into position_view (account_id, symbol, quantity, cost_basis, realized_pnl)
                values (?, ?, ?, ?, ?)
                on conflict (account_id, symbol) do update set quantity = excluded.quantity,
                    cost_basis = excluded.cost_basis, realized_pnl = excluded.realized_pnl""", positions);
        batch("insert into position_sale (leg_id, cost_removed, realized_pnl) values (?, ?, ?) on conflict do nothing",
                sales.entrySet().stream().map(sale -> new Object[] {sale.getKey(), sale.getValue().costRemoved(),
                        sale.getValue().realizedPnl()}).toList());
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }

    private record Change(String accountId, long sequence, Opening opening, Consumer<Account> change) {
    }

    private record Opening(String owner, Instant openedAt) {
    }

    /** What a settled sale took out of the position, kept to put it back if the sale is reversed. */
    record Sale(BigDecimal costRemoved, BigDecimal realizedPnl) {
    }

    /** One account's rows as this batch sees them. */
    final class Account {

        private final String accountId;
        private final Opening opening;
        private final Map<String, Balance> balances = new HashMap<>();
        private final Map<String, Position> positions = new HashMap<>();
        private long lastSequence;
        private boolean frozen;
        private boolean changed;

        private Account(String accountId, Opening opening, long lastSequence, boolean frozen) {
            this.accountId = accountId;
            this.opening = opening;
            this.lastSequence = lastSequence;
            this.frozen = frozen;
        }

        void frozen(boolean frozen) {
            this.frozen = frozen;
        }

        /** A settlement leg of this account the batch applied, for the account's stream. */
        void settlementLeg(AccountStreams.SettlementLeg leg) {
            legs.add(leg);
        }

        /** Adds to the asset's available and reserved amounts (either may be negative). */
        void adjust(String asset, BigDecimal available, BigDecimal reserved) {
            Balance balance = balances.computeIfAbsent(asset, a -> new Balance(BigDecimal.ZERO, BigDecimal.ZERO, true));
            balance.available = balance.available.add(available);
            balance.reserved = balance.reserved.add(reserved);
            balance.changed = true;
        }

        /** Adds to the position in {@code symbol}: units, what they cost, and profit realized. */
        void position(String symbol, long quantity, BigDecimal cost, BigDecimal realized) {
            Position position = positions.computeIfAbsent(symbol,
                    s -> new Position(0, BigDecimal.ZERO, BigDecimal.ZERO, true));
            position.quantity += quantity;
            position.costBasis = position.costBasis.add(cost);
            position.realizedPnl = position.realizedPnl.add(realized);
            position.changed = true;
        }

        /** The average cost of the units held in {@code symbol}; zero when none are. */
        BigDecimal averageCost(String symbol) {
            Position position = positions.get(symbol);
            if (position == null || position.quantity <= 0) {
                return BigDecimal.ZERO;
            }
            return position.costBasis.divide(BigDecimal.valueOf(position.quantity), 10, RoundingMode.HALF_EVEN);
        }

        void sold(String legId, Sale sale) {
            sales.put(legId, sale);
        }

        /** The sale of a leg, from this batch or an earlier one; null if it never settled here. */
        Sale sale(String legId) {
            Sale sale = sales.get(legId);
            return sale != null ? sale : storedSale(legId);
        }
    }

    private static final class Balance {
        private BigDecimal available;
        private BigDecimal reserved;
        private boolean changed;

        Balance(BigDecimal available, BigDecimal reserved, boolean changed) {
            this.available = available;
            this.reserved = reserved;
            this.changed = changed;
        }
    }

    private static final class Position {
        private long quantity;
        private BigDecimal costBasis;
        private BigDecimal realizedPnl;
        private boolean changed;

        Position(long quantity, BigDecimal costBasis, BigDecimal realizedPnl, boolean changed) {
            this.quantity = quantity;
            this.costBasis = costBasis;
            this.realizedPnl = realizedPnl;
            this.changed = changed;
        }
    }
}
