package io.bourse.platform.operations;

import java.time.Duration;

/**
 * How long a saga of one type is expected to stay open at most: past that, it is listed as overdue. A service
 * declares one for each saga it runs whose bound is known (its deadline and attempts); others are held to
 * {@code bourse.operations.sagas.max-open}.
 */
public record SagaLifetime(Class<?> sagaType, Duration maxOpen) {
}
