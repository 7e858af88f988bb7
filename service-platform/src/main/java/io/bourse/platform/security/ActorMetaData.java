package io.bourse.platform.security;

import io.bourse.events.Actor;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Names the caller in every command a request sends. Commands sent while handling a message (by a processor or a
 * saga) carry the actor of that message instead, as Axon's correlation data: the events a command causes carry it
 * too, so it follows the trade through every service and stays in the event store.
 */
class ActorMetaData implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication instanceof JwtAuthenticationToken
                    ? command.andMetaData(Access.actorOf(authentication).metaData())
                    : command;
        };
    }
}
