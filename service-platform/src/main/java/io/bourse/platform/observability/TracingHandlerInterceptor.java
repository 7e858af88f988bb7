package io.bourse.platform.observability;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Handles each command of the local command bus, and each event of a processor, inside the trace its metadata names
 * (see {@link MessageTraces}). A span is named for what was handled and where: {@code handle ReserveFunds},
 * {@code placement ReservationRequested}; the name is built only for a sampled trace.
 */
class TracingHandlerInterceptor implements MessageHandlerInterceptor<Message<?>> {

    private final MessageTraces traces;
    private final String handler;

    /** {@code handler} names the processor handling events, or is null for the command bus. */
    TracingHandlerInterceptor(MessageTraces traces, String handler) {
        this.traces = traces;
        this.handler = handler;
    }

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Message<?> message = unitOfWork.getMessage();
        return traces.handle(message, new LazyName(handler, message), interceptorChain::proceed);
    }

    /** The span's name, computed only when a span is made. */
    record LazyName(String handler, Message<?> message) {
        @Override
        public String toString() {
            if (message instanceof CommandMessage<?> command) {
                String name = command.getCommandName();
                return "handle " + name.substring(name.lastIndexOf('.') + 1);
            }
            return handler + " " + message.getPayloadType().getSimpleName();
        }
    }
}
