package io.bourse.platform.testapp.beta;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bourse.platform.testapp.commands.EntryRecorded;
import io.bourse.platform.testapp.commands.LedgerLimitException;
import io.bourse.platform.testapp.commands.LedgerOpened;
import io.bourse.platform.testapp.commands.OpenLedger;
import io.bourse.platform.testapp.commands.RecordEntry;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A tiny aggregate for exercising the platform: idempotent by entry id, refuses balances above 1000. */
@Aggregate
public class Ledger {

    @AggregateIdentifier
    private String ledgerId;
    private long balance;
    private Set<String> entries = new HashSet<>();

    protected Ledger() {
    }

    @CommandHandler
    public Ledger(OpenLedger command) {
        apply(new LedgerOpened(command.ledgerId()));
    }

    @CommandHandler
    public long handle(RecordEntry command) {
        if (entries.contains(command.entryId())) {
            return balance;
        }
        if (balance + command.amount() > 1000) {
            throw new LedgerLimitException("ledger " + ledgerId + " would exceed 1000");
        }
        apply(new EntryRecorded(ledgerId, command.entryId(), command.amount(), balance + command.amount()));
        return balance;
    }

    @EventSourcingHandler
    void on(LedgerOpened event) {
        ledgerId = event.ledgerId();
    }

    @EventSourcingHandler
    void on(EntryRecorded event) {
        balance = event.balance();
        entries.add(event.entryId());
    }
}
