package io.bourse.platform.axon;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon that an append failed on a unique key (PostgreSQL's SQL state {@code 23505}), so that a second event at
 * an aggregate's sequence number is reported as the concurrency conflict it is
 * ({@code AggregateStreamCreationException} or {@code ConcurrencyException}). Axon's JDBC default only recognises
 * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws.
 */
public class PostgresDuplicateKeys implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
