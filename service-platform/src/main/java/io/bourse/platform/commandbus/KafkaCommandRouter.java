package io.bourse.platform.commandbus;

import io.bourse.platform.messaging.Topics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.CommandMessageFilter;
import org.axonframework.commandhandling.distributed.CommandRouter;
import org.axonframework.commandhandling.distributed.Member;
import org.axonframework.commandhandling.distributed.SimpleMember;
import org.axonframework.commandhandling.distributed.commandfilter.DenyAll;

/**
 * Decides where a command goes: to this service when it has a handler for it, otherwise to the command topic of the
 * service that owns the command's shared-events package. Ownership is configuration, not discovery, so a command
 * for a service that is down waits in its topic instead of failing.
 */
public class KafkaCommandRouter implements CommandRouter {

    private final String service;
    private final Map<String, String> ownersByPackage;
    private final Member local;
    private final Map<String, Member> remotes = new ConcurrentHashMap<>();
    private volatile CommandMessageFilter localCommands = DenyAll.INSTANCE;

    public KafkaCommandRouter(String service, Map<String, String> ownersByPackage) {
        this.service = service;
        this.ownersByPackage = Map.copyOf(ownersByPackage);
        this.local = new SimpleMember<>(service, Topics.commands(service), true, null);
    }

    @Override
    public Optional<Member> findDestination(CommandMessage<?> command) {
        if (localCommands.matches(command)) {
            return Optional.of(local);
        }
        return ownerOf(command.getPayloadType())
                .filter(owner -> !owner.equals(service))
                .map(owner -> remotes.computeIfAbsent(owner,
                        o -> new SimpleMember<>(o, Topics.commands(o), false, null)));
    }

    Optional<String> ownerOf(Class<?> payloadType) {
        String packageName = payloadType.getPackageName();
        return Optional.ofNullable(ownersByPackage.get(packageName));
    }

    @Override
    public void updateMembership(int loadFactor, CommandMessageFilter commandFilter) {
        this.localCommands = commandFilter;
    }
}
