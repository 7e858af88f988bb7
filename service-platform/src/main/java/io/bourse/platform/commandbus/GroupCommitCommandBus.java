package io.bourse.platform.commandbus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The local command bus of a service as a single writer with group commit.
 * <p>
 * Commands dispatched from outside any unit of work (REST threads, the Kafka command consumer, reply callbacks) are
 * queued; one writer thread takes whatever is queued, up to a batch, and handles all of it in one unit of work and
 * one database transaction: every aggregate touched is loaded once, all events are appended in one JDBC batch and
 * one commit makes them durable. Each caller hears its result only after that commit. Handling them one by one would
 * cost a durable commit per command, which is what bounded the rate before.
 * <p>
 * When any command of a batch fails, the whole batch is rolled back and every command of it runs again alone, so one
 * command's failure never undoes or leaks into another's; one that fails alone on a concurrency conflict is tried
 * once more. Commands dispatched inside a unit of work (by an event handler or a saga) join that unit of work, as
 * they would on Axon's simple command bus.
 * <p>
 * The queue is bounded: when it is full the command is refused at once with {@link CommandBusOverloadedException},
 * which clients see as 503, instead of waiting without end.
 */
public class GroupCommitCommandBus implements CommandBus, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitCommandBus.class);

    private final CommandBus delegate;
    private final TransactionManager transactionManager;
    private final BlockingQueue<Queued> queue;
    private final int maxBatchSize;
    private final String name;
    private volatile Thread writer;
    private volatile boolean running;
    private volatile boolean stopped;

    public GroupCommitCommandBus(String name, CommandBus delegate, TransactionManager transactionManager,
                                 int queueCapacity, int maxBatchSize) {
        this.name = name;
        this.delegate = delegate;
        this.transactionManager = transactionManager;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxBatchSize = maxBatchSize;
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, (message, result) -> {
            if (result.isExceptional() && ExpectedFailures.expected(result.exceptionResult())) {
                log.debug("Command {} answered {}", message.getCommandName(), result.exceptionResult().toString());
            } else if (result.isExceptional()) {
                log.warn("Command {} failed", message.getCommandName(), result.exceptionResult());
            }
        });
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        if (CurrentUnitOfWork.isStarted()) {
            delegate.dispatch(command, callback);
            return;
        }
        if (stopped) {
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(
                    new CommandBusOverloadedException("the service is shutting down")));
            return;
        }
        if (!queue.offer(new Queued(command, callback, System.nanoTime()))) {
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(
                    new CommandBusOverloadedException(queue.size() + " commands are waiting to be handled")));
        }
    }

    /** Commands waiting for the writer now. */
    public int queued() {
        return queue.size();
    }

    /** How long the oldest waiting command has waited: what a command queued now can expect, at least. */
    public Duration oldestWait() {
        Queued oldest = queue.peek();
        return oldest == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - oldest.queuedAt());
    }

    /**
     * Refuses new work at the edge of the service while the writer is behind by more than {@code maxWait}: a client
     * is told at once to come back shortly (503), and the commands of orders already in flight are not delayed
     * further by new ones.
     */
    public void admit(Duration maxWait) {
        Duration waited = oldestWait();
        if (waited.compareTo(maxWait) > 0) {
            throw new CommandBusOverloadedException("commands wait " + waited.toMillis() + " ms to be handled");
        }
    }

    private void write() {
        List<Queued> batch = new ArrayList<>(maxBatchSize);
        while (running || !queue.isEmpty()) {
            try {
                Queued first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatchSize - 1);
                handle(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("The command writer of {} failed on a batch of {}", name, batch.size(), e);
                batch.forEach(queued -> queued.fail(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void handle(List<Queued> batch) {
        if (batch.size() == 1) {
            batch.get(0).handleAlone(delegate);
            return;
        }
        List<CommandResultMessage<?>> results = new ArrayList<>(batch.size());
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("command batch"));
        unitOfWork.attachTransaction(transactionManager);
        try {
            unitOfWork.execute(() -> {
                for (Queued queued : batch) {
                    delegate.dispatch(queued.command(), (message, result) -> results.add(result));
                    if (results.get(results.size() - 1).isExceptional()) {
                        throw new BatchFailed();
                    }
                }
            }, RollbackConfigurationType.ANY_THROWABLE);
        } catch (RuntimeException e) {
            // A refused or failed command, or a commit that did not go through: each command again on its own.
            batch.forEach(queued -> queued.handleAlone(delegate));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer(results.get(i));
        }
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return delegate.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
        return delegate.registerHandlerInterceptor(interceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writer = new Thread(this::write, name + "-command-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Drains what is queued, then stops; commands that arrive later are refused rather than lost silently. */
    @Override
    public synchronized void stop() {
        stopped = true;
        running = false;
        Thread stopping = writer;
        if (stopping != null) {
            try {
                stopping.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before, and stops after, everything that sends commands: the connector, processors, the web server. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private static final class BatchFailed extends RuntimeException {
        BatchFailed() {
            super("a command of the batch failed", null, false, false);
        }
    }

    private record Queued(CommandMessage<?> command, CommandCallback<?, ?> callback, long queuedAt) {

        /**
         * Handles the command in a unit of work of its own. A command that met another writer's append to its
         * aggregate (an instance of this service that handled a command for it from its REST API) is tried once more:
         * the rollback dropped the cached copy it ran on, so the second try loads what is stored.
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        void handleAlone(CommandBus bus) {
            bus.dispatch((CommandMessage) command, (message, result) -> {
                if (result.isExceptional() && conflict(result.exceptionResult())) {
                    bus.dispatch((CommandMessage) command, (CommandCallback) callback);
                } else {
                    ((CommandCallback) callback).onResult(message, result);
                }
            });
        }

        private static boolean conflict(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                    return true;
                }
            }
            return false;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void answer(CommandResultMessage<?> result) {
            ((CommandCallback) callback).onResult(command, result);
        }

        void fail(Throwable failure) {
            answer(GenericCommandResultMessage.asCommandResultMessage(failure));
        }
    }
}
