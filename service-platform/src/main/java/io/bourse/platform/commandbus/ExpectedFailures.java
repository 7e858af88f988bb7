package io.bourse.platform.commandbus;

import io.bourse.events.DomainException;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the command gateway logs a command sent without waiting that fails. A refusal the domain made (a
 * {@link DomainException}) or a question about an aggregate that does not exist is an answer the sender handles, not
 * a fault: it is logged at DEBUG. Anything else stays a warning, as Axon logs it.
 */
final class ExpectedFailures implements CommandCallback<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(ExpectedFailures.class);

    static boolean expected(Throwable failure) {
        return Causes.find(failure, DomainException.class) != null
                || Causes.find(failure, AggregateNotFoundException.class) != null;
    }

    @Override
    public void onResult(CommandMessage<?> command, CommandResultMessage<?> result) {
        if (!result.isExceptional()) {
            return;
        }
        Throwable failure = result.exceptionResult();
        if (expected(failure)) {
            log.debug("Command {} answered {}: {}", command.getCommandName(), failure.getClass().getSimpleName(),
                    failure.getMessage());
        } else {
            log.warn("Command {} failed: {}({})", command.getCommandName(), failure.getClass().getName(),
                    failure.getMessage());
        }
    }
}
