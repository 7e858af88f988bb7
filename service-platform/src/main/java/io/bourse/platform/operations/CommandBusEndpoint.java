package io.bourse.platform.operations;

import io.bourse.platform.commandbus.CommandTraffic;
import io.bourse.platform.commandbus.GroupCommitCommandBus;
import io.bourse.platform.commandbus.KafkaCommandBusConnector;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/commandbus}: the commands this service sends to others, per destination service (sent, answered,
 * refused or failed, timed out, waiting now and for how long the oldest), how long a sender waits for a reply, and
 * the commands waiting for this service's own command writer.
 */
@Endpoint(id = "commandbus")
public class CommandBusEndpoint {

    private final KafkaCommandBusConnector connector;
    private final GroupCommitCommandBus writer;

    public CommandBusEndpoint(KafkaCommandBusConnector connector, GroupCommitCommandBus writer) {
        this.connector = connector;
        this.writer = writer;
    }

    @ReadOperation
    public CommandBus commandBus() {
        return new CommandBus(connector.timeout().toMillis(), connector.traffic(),
                new Writer(writer.queued(), writer.oldestWait().toMillis()));
    }

    public record CommandBus(long replyTimeoutMillis, Map<String, CommandTraffic.Destination> destinations,
                             Writer writer) {
    }

    /** The local command writer: commands queued for its next transactions, and the oldest one's wait. */
    public record Writer(long queued, long oldestWaitMillis) {
    }
}
