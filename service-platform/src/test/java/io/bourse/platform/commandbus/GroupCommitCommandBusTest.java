package io.bourse.platform.commandbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's promises: queued commands share one transaction, each caller hears its own result only after the
 * commit, one failing command costs the others nothing, a full queue refuses at once, and a command sent from inside
 * a unit of work joins it. The transactions are counted rather than run against a database here; the integration
 * tests run the same bus on PostgreSQL.
 */
class GroupCommitCommandBusTest {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Set<String> conflicted = ConcurrentHashMap.newKeySet();
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final TransactionManager transactions = () -> {
        log.add("begin");
        return new Transaction() {
            @Override
            public void commit() {
                log.add("commit");
            }

            @Override
            public void rollback() {
                log.add("rollback");
            }
        };
    };
    // The handlers' own bus starts no transactions here, so the log shows only the writer's.
    private final SimpleCommandBus simple = SimpleCommandBus.builder().build();
    private GroupCommitCommandBus bus = new GroupCommitCommandBus("test", simple, transactions, 10, 100);

    GroupCommitCommandBusTest() {
        simple.subscribe(String.class.getName(), command -> {
            String payload = (String) command.getPayload();
            attempts.add(payload);
            if (payload.startsWith("fail")) {
                throw new IllegalArgumentException("refused " + payload);
            }
            // As a handler on a copy of its aggregate older than what is stored fails at the append: once, or
            // every time.
            if (payload.startsWith("conflicting") || payload.startsWith("stale") && conflicted.add(payload)) {
                log.add("conflict " + payload);
                throw new ConcurrencyException("another writer appended to " + payload);
            }
            log.add("handle " + payload);
            return payload.toUpperCase();
        });
    }

    @AfterEach
    void stop() {
        bus.stop();
    }

    @Test
    void queuedCommandsAreHandledInOneTransactionAndAnsweredAfterItsCommit() throws Exception {
        List<CompletableFuture<CommandResultMessage<?>>> results = new ArrayList<>();
        for (String payload : List.of("a", "b", "c")) {
            results.add(send(payload));
        }
        bus.start();
        for (CompletableFuture<CommandResultMessage<?>> result : results) {
            result.get(5, TimeUnit.SECONDS);
        }
        assertThat(results.stream().map(result -> (Object) result.join().getPayload())).containsExactly("A", "B", "C");
        assertThat(log).containsExactly("begin", "handle a", "handle b", "handle c", "commit",
                "answer A", "answer B", "answer C");
    }

    @Test
    void aFailingCommandIsAnsweredWithItsExceptionAndTheOthersStillSucceed() throws Exception {
        CompletableFuture<CommandResultMessage<?>> first = send("a");
        CompletableFuture<CommandResultMessage<?>> failing = send("fail-b");
        CompletableFuture<CommandResultMessage<?>> last = send("c");
        bus.start();

        assertThat(first.get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("A");
        assertThat(last.get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("C");
        CommandResultMessage<?> refused = failing.get(5, TimeUnit.SECONDS);
        assertThat(refused.isExceptional()).isTrue();
        assertThat(refused.exceptionResult()).hasMessage("refused fail-b");
        // The batch was undone as a whole, then every command ran alone: nothing of the batch was kept.
        assertThat(log).containsExactly("begin", "handle a", "rollback", "handle a", "answer A", "handle c",
                "answer C");
    }

    @Test
    void aCommandThatMetAnotherWritersAppendIsTriedOnceMore() throws Exception {
        CompletableFuture<CommandResultMessage<?>> result = send("stale-a");
        bus.start();

        assertThat(result.get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("STALE-A");
        assertThat(log).containsExactly("conflict stale-a", "handle stale-a", "answer STALE-A");
    }

    @Test
    void aConflictThatRemainsIsAnsweredAfterOneMoreTry() throws Exception {
        CompletableFuture<CommandResultMessage<?>> result = send("conflicting-a");
        bus.start();

        CommandResultMessage<?> answer = result.get(5, TimeUnit.SECONDS);
        assertThat(answer.isExceptional()).isTrue();
        assertThat(answer.exceptionResult()).isInstanceOf(ConcurrencyException.class);
        assertThat(log).containsExactly("conflict conflicting-a", "conflict conflicting-a");
    }

    @Test
    void aRefusedCommandIsNotTriedAgain() throws Exception {
        CompletableFuture<CommandResultMessage<?>> result = send("fail-a");
        bus.start();

        assertThat(result.get(5, TimeUnit.SECONDS).exceptionResult()).hasMessage("refused fail-a");
        assertThat(attempts).containsExactly("fail-a");
    }

    @Test
    void aFullQueueRefusesAtOnce() {
        bus = new GroupCommitCommandBus("test", simple, transactions, 2, 100);
        send("a");
        send("b");
        CommandResultMessage<?> refused = send("c").join();
        assertThat(refused.isExceptional()).isTrue();
        assertThat(refused.exceptionResult()).isInstanceOf(CommandBusOverloadedException.class);
    }

    @Test
    void aCommandSentFromInsideAUnitOfWorkJoinsItOnTheCallersThread() {
        UnitOfWork<?> outer = DefaultUnitOfWork.startAndGet(null);
        try {
            CompletableFuture<CommandResultMessage<?>> result = send("a");
            assertThat(result).isCompleted();
            assertThat(result.join().getPayload()).isEqualTo("A");
            assertThat(CurrentUnitOfWork.get()).isSameAs(outer);
        } finally {
            outer.commit();
        }
    }

    @Test
    void intakeIsRefusedWhileTheWriterIsBehindAndAdmittedOnceItCaughtUp() throws Exception {
        CompletableFuture<CommandResultMessage<?>> waiting = send("a");
        Thread.sleep(50);
        assertThat(bus.oldestWait()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThatThrownBy(() -> bus.admit(Duration.ofMillis(10)))
                .isInstanceOf(CommandBusOverloadedException.class);
        bus.admit(Duration.ofSeconds(60));

        bus.start();
        waiting.get(5, TimeUnit.SECONDS);
        assertThat(bus.oldestWait()).isEqualTo(Duration.ZERO);
        bus.admit(Duration.ofMillis(10));
    }

    @Test
    void afterStoppingCommandsAreRefusedNotLost() {
        bus.start();
        bus.stop();
        assertThat(send("a").join().exceptionResult()).isInstanceOf(CommandBusOverloadedException.class);
    }

    private CompletableFuture<CommandResultMessage<?>> send(String payload) {
        CompletableFuture<CommandResultMessage<?>> result = new CompletableFuture<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(payload), (command, answer) -> {
            if (!answer.isExceptional()) {
                log.add("answer " + answer.getPayload());
            }
            result.complete(answer);
        });
        return result;
    }
}
