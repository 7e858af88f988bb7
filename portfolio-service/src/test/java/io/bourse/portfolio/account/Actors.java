package io.bourse.portfolio.account;

import io.bourse.events.Actor;
import io.bourse.events.portfolio.DepositAsset;
import io.bourse.events.portfolio.FreezeAccount;
import io.bourse.events.portfolio.UnfreezeAccount;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;

/**
 * Who gives the commands in the aggregate's tests: alice owns the accounts, an operator credits and freezes them.
 * A command sent with an actor of its own keeps it.
 */
final class Actors {

    static final Actor OWNER = Actor.of("alice", List.of());
    static final Actor OPERATOR = Actor.of("ops", List.of(Actor.OPERATOR));
    static final Actor ADMIN = Actor.of("root", List.of(Actor.ADMIN));
    static final Actor STRANGER = Actor.of("mallory", List.of());

    private Actors() {
    }

    static <T> FixtureConfiguration<T> actingAsUsual(FixtureConfiguration<T> fixture) {
        fixture.registerCommandDispatchInterceptor(messages -> (index, command) ->
                command.getMetaData().containsKey(Actor.SUBJECT) ? command
                        : command.andMetaData(usualActor(command).metaData()));
        return fixture;
    }

    private static Actor usualActor(CommandMessage<?> command) {
        Object payload = command.getPayload();
        return payload instanceof DepositAsset || payload instanceof FreezeAccount || payload instanceof UnfreezeAccount
                ? OPERATOR : OWNER;
    }
}
