package io.bourse.platform.commandbus;

import org.axonframework.commandhandling.CommandMessage;

/**
 * What the thread that answers a command (the reply listener, the timeout timer) takes on from the command while its
 * callback runs: its trace, so the commands a callback sends stay in the trace of the one it answers.
 */
@FunctionalInterface
public interface ReplyScope {

    ReplyScope NONE = command -> () -> {
    };

    Scope enter(CommandMessage<?> command);

    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
