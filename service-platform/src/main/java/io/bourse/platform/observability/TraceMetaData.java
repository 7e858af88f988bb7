package io.bourse.platform.observability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.slf4j.MDC;

/**
 * Puts the trace and the request id into messages.
 * <ul>
 * <li>As a dispatch interceptor: a command sent from outside any handler (a REST thread, a command's reply) gets the
 * trace current on the sending thread and the request id of its logs.</li>
 * <li>As correlation data: what a handler sends (events, commands) gets the trace of the handler's span, or the
 * handled message's own trace where no span was made, and the handled message's request id.</li>
 * </ul>
 */
class TraceMetaData implements MessageDispatchInterceptor<CommandMessage<?>>, CorrelationDataProvider {

    private final MessageTraces traces;

    TraceMetaData(MessageTraces traces) {
        this.traces = traces;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            MetaData metaData = command.getMetaData();
            String traceparent = metaData.containsKey(MessageTraces.TRACEPARENT) ? null : traces.currentTraceparent();
            String requestId = metaData.containsKey(MessageTraces.REQUEST_ID) ? null : MDC.get(MessageTraces.REQUEST_ID);
            if (traceparent == null && requestId == null) {
                return command;
            }
            Map<String, String> added = new HashMap<>(4);
            if (traceparent != null) {
                added.put(MessageTraces.TRACEPARENT, traceparent);
            }
            if (requestId != null) {
                added.put(MessageTraces.REQUEST_ID, requestId);
            }
            return command.andMetaData(added);
        };
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        MetaData metaData = message.getMetaData();
        String traceparent = traces.currentTraceparent();
        Object carried = traceparent != null ? traceparent : metaData.get(MessageTraces.TRACEPARENT);
        Object requestId = metaData.get(MessageTraces.REQUEST_ID);
        if (carried == null) {
            return requestId == null ? Map.of() : Map.of(MessageTraces.REQUEST_ID, requestId);
        }
        return requestId == null ? Map.of(MessageTraces.TRACEPARENT, carried)
                : Map.of(MessageTraces.TRACEPARENT, carried, MessageTraces.REQUEST_ID, requestId);
    }
}
