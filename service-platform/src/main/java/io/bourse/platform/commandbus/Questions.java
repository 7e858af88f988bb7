package io.bourse.platform.commandbus;

import io.bourse.events.DomainException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Asks an aggregate, wherever it lives, a question: a command whose handler answers from the aggregate's state and
 * changes nothing. Another service's aggregates are reached only by commands, so this is how one service learns a
 * fact another one keeps (whose an account is, whether a symbol is listed).
 */
public final class Questions {

    private Questions() {
    }

    /** The answer; empty when there is no such aggregate. Any other failure, or no answer in time, is thrown. */
    public static <R> Optional<R> ask(CommandGateway commands, Object question, Duration timeout) {
        try {
            return Optional.ofNullable(commands.<R>send(question).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            DomainException domain = Causes.find(e, DomainException.class);
            if (Causes.find(e, AggregateNotFoundException.class) != null
                    || domain != null && domain.kind() == DomainException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw new IllegalStateException("no answer to " + name(question), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer to " + name(question) + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + name(question), e);
        }
    }

    private static String name(Object question) {
        return question.getClass().getSimpleName();
    }
}
