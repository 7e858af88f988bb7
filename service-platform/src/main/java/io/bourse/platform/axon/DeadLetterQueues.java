package io.bourse.platform.axon;

import java.util.Set;
import java.util.TreeSet;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.spring.stereotype.Saga;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Every processing group of event handlers parks the events it cannot handle in Axon's dead-letter queue in
 * PostgreSQL (table {@code dead_letter_entry}), sequenced per aggregate: once one event of an aggregate is parked,
 * the later events of that aggregate wait behind it, and every other aggregate's events go on. Nothing is skipped:
 * a failure outside a handler (a commit, a wait before it) fails the batch, which the processor retries.
 * <p>
 * Two kinds of group keep no queue: sagas, which Axon cannot dead-letter (a saga is bounded by its own deadline
 * instead), and the forwarder to Kafka, whose events must reach the topic in order and whose only failures are the
 * broker's, which it retries.
 * <p>
 * Each letter carries in its diagnostics how often it was retried ({@link #RETRIES}); which sequences are known to
 * be parked is kept in memory per segment, so a healthy event costs no lookup in the queue.
 */
public class DeadLetterQueues extends DeadLetterQueueProviderConfigurerModule {

    /** The diagnostics entry that counts the retries of a dead letter. */
    public static final String RETRIES = "retries";

    private final ConfigurableListableBeanFactory beans;
    private final ConnectionProvider connectionProvider;
    private final TransactionManager transactionManager;
    private final DeadLetterSchema schema;
    private final Serializer eventSerializer;
    private final Serializer genericSerializer;
    private volatile Set<String> groups;

    public DeadLetterQueues(ConfigurableListableBeanFactory beans, ConnectionProvider connectionProvider,
                            TransactionManager transactionManager, DeadLetterSchema schema,
                            Serializer eventSerializer, Serializer genericSerializer) {
        super(new EventProcessorProperties(), group -> null);
        this.beans = beans;
        this.connectionProvider = connectionProvider;
        this.transactionManager = transactionManager;
        this.schema = schema;
        this.eventSerializer = eventSerializer;
        this.genericSerializer = genericSerializer;
    }

    @Override
    public void configureModule(Configurer configurer) {
        var processing = configurer.eventProcessing();
        processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
        processing.registerDefaultDeadLetterPolicy(c -> countingRetries());
        processing.registerDeadLetterQueueProvider(group -> groups().contains(group) ? c -> queue(group) : null);
        for (String group : groups()) {
            processing.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                    (c, invoker) -> invoker.enableSequenceIdentifierCache().allowReset(true));
        }
    }

    /** The processing groups that park failed events: every group of event handlers declared as a bean. */
    public Set<String> groups() {
        Set<String> known = groups;
        if (known == null) {
            known = new TreeSet<>();
            for (String name : beans.getBeanDefinitionNames()) {
                Class<?> type = beans.getType(name, false);
                if (type == null || AnnotatedElementUtils.hasAnnotation(type, Saga.class)) {
                    continue;
                }
                ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
                if (group != null) {
                    known.add(group.value());
                }
            }
            groups = known = Set.copyOf(known);
        }
        return known;
    }

    private JdbcSequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(group)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(schema)
                .genericSerializer(genericSerializer)
                .eventSerializer(eventSerializer)
                .build();
    }

    /** A failed event is parked, and parked again after a failed retry, with its retries counted. */
    static EnqueuePolicy<EventMessage<?>> countingRetries() {
        return DeadLetterQueues::park;
    }

    private static EnqueueDecision<EventMessage<?>> park(DeadLetter<? extends EventMessage<?>> letter,
                                                         Throwable cause) {
        Object retried = letter.diagnostics().get(RETRIES);
        long retries = retried instanceof Number number ? number.longValue() + 1 : 0;
        return Decisions.requeue(ThrowableCause.truncated(cause),
                parked -> parked.diagnostics().and(RETRIES, retries));
    }

    /** How often a letter was retried, from its diagnostics. */
    public static long retries(DeadLetter<?> letter) {
        return retries(letter.diagnostics());
    }

    public static long retries(MetaData diagnostics) {
        return diagnostics.get(RETRIES) instanceof Number number ? number.longValue() : 0;
    }
}
