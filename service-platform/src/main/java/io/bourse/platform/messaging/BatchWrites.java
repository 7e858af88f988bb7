package io.bourse.platform.messaging;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * What a projection's handlers collect over one batch of their processor and write once, when the batch prepares to
 * commit: a read model then costs a few statements per batch rather than a few per event. The writes join the
 * batch's transaction, with the processor's token, so they are stored exactly when the batch is; a batch that fails
 * is handled again from its first event, with fresh state.
 */
public final class BatchWrites {

    private BatchWrites() {
    }

    /**
     * The state {@code owner} collects in the current batch: made by {@code create} at the batch's first event, and
     * handed to {@code write} when the batch prepares to commit.
     */
    public static <T> T of(Object owner, Supplier<T> create, Consumer<T> write) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException(owner.getClass().getSimpleName() + " writes per batch and handles events"
                    + " only within a processor's unit of work");
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        String key = BatchWrites.class.getName() + "/" + owner.getClass().getName() + "@"
                + System.identityHashCode(owner);
        return batch.getOrComputeResource(key, k -> {
            T state = create.get();
            batch.onPrepareCommit(u -> write.accept(state));
            return state;
        });
    }

    /**
     * Reads the stored rows a batch touches in one query: {@code sql} names them by {@code = any(?)}, which is bound
     * to {@code ids} as a text array. No ids, no query.
     */
    public static void readRows(JdbcTemplate jdbc, String sql, Collection<String> ids, RowCallbackHandler row) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            return statement;
        }, row);
    }
}
