package io.bourse.platform.commandbus;

import io.bourse.platform.messaging.KafkaClients;
import io.bourse.platform.messaging.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.distributed.CommandBusConnector;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.axonframework.commandhandling.distributed.Member;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;

/**
 * Carries commands between services over Kafka.
 * <ul>
 * <li>Sending: a command for another service becomes a record on that service's command topic, keyed by its
 * routing key; the sender remembers the callback until the reply arrives on its own reply topic, or fails it with
 * {@link CommandReplyTimeoutException} when none comes in time.</li>
 * <li>Handling: this service's command topic is consumed by one consumer group per service, so Kafka's partition
 * ownership gives each aggregate one handling instance at a time. A poll's commands go to the local command bus
 * together, and each result or exception goes back to the sender's reply topic once it is committed. Aggregate
 * caches are dropped when partitions move, since another instance may change those aggregates next.</li>
 * <li>Commands this service handles itself never leave it.</li>
 * </ul>
 */
public class KafkaCommandBusConnector implements CommandBusConnector, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaCommandBusConnector.class);

    private final String service;
    private final CommandBus localSegment;
    private final Producer<String, byte[]> producer;
    private final CommandCodec codec;
    private final RoutingStrategy routingStrategy;
    private final KafkaClients clients;
    private final Duration timeout;
    private final int concurrency;
    private final Collection<Cache> aggregateCaches;
    private final ReplyScope replyScope;
    private final MeterRegistry meterRegistry;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final CommandTraffic traffic = new CommandTraffic();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "command-reply-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    private ConcurrentMessageListenerContainer<String, byte[]> commandListener;
    private Thread replyListener;
    private volatile Consumer<String, byte[]> replyConsumer;
    private volatile boolean running;
    private volatile boolean replying;

    public KafkaCommandBusConnector(String service, CommandBus localSegment, Producer<String, byte[]> producer,
                                    Serializer serializer, RoutingStrategy routingStrategy,
                                    KafkaClients clients, Duration timeout, int concurrency,
                                    Collection<Cache> aggregateCaches, ReplyScope replyScope,
                                    MeterRegistry meterRegistry) {
        this.service = service;
        this.localSegment = localSegment;
        this.producer = producer;
        this.codec = new CommandCodec(serializer);
        this.routingStrategy = routingStrategy;
        this.clients = clients;
        this.timeout = timeout;
        this.concurrency = concurrency;
        this.aggregateCaches = aggregateCaches;
        this.replyScope = replyScope;
        this.meterRegistry = meterRegistry;
    }

    @Override
    public <C> void send(Member destination, CommandMessage<? extends C> command) {
        if (destination.local()) {
            localSegment.dispatch(command);
            return;
        }
        producer.send(codec.command(topicOf(destination), routingStrategy.getRoutingKey(command), command, null));
        traffic.sent(destination.name(), false);
    }

    @Override
    public <C, R> void send(Member destination, CommandMessage<C> command, CommandCallback<? super C, R> callback) {
        if (destination.local()) {
            localSegment.dispatch(command, callback);
            return;
        }
        ensureReplyListener();
        String correlationId = command.getIdentifier();
        ScheduledFuture<?> expiry = timer.schedule(() -> expire(correlationId), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        pending.put(correlationId, new Pending(command, callback, expiry, destination.name(), System.nanoTime()));
        traffic.sent(destination.name(), true);
        ProducerRecord<String, byte[]> record = codec.command(topicOf(destination),
                routingStrategy.getRoutingKey(command), command, Topics.replies(service));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                complete(correlationId, GenericCommandResultMessage.asCommandResultMessage(new CommandDispatchException(
                        "could not send " + command.getCommandName() + " to " + destination.name(), error)));
            }
        });
    }

    private static String topicOf(Member destination) {
        return destination.getConnectionEndpoint(String.class)
                .orElseThrow(() -> new IllegalStateException("no topic for " + destination.name()));
    }

    private void expire(String correlationId) {
        Pending expired = pending.get(correlationId);
        if (expired != null) {
            complete(correlationId, GenericCommandResultMessage.asCommandResultMessage(new CommandReplyTimeoutException(
                    "no reply to " + expired.command().getCommandName() + " within " + timeout.toMillis() + " ms")));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void complete(String correlationId, CommandResultMessage<?> result) {
        Pending done = pending.remove(correlationId);
        if (done != null) {
            done.expiry().cancel(false);
            traffic.answered(done.destination(), !result.isExceptional() ? CommandTraffic.Outcome.SUCCEEDED
                    : result.exceptionResult() instanceof CommandReplyTimeoutException
                    ? CommandTraffic.Outcome.TIMED_OUT : CommandTraffic.Outcome.FAILED);
            try (ReplyScope.Scope scope = replyScope.enter(done.command())) {
                ((CommandCallback) done.callback()).onResult(done.command(), result);
            }
        }
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return localSegment.subscribe(commandName, handler);
    }

    @Override
    public java.util.Optional<CommandBus> localSegment() {
        return java.util.Optional.of(localSegment);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
        return localSegment.registerHandlerInterceptor(interceptor);
    }

    /**
     * A poll's commands go to the local bus together, so its writer can commit them as one group; the poll's offsets
     * are committed (when this returns) only after every command of it was handled and answered.
     */
    private void handle(List<ConsumerRecord<String, byte[]>> records) {
        CountDownLatch handled = new CountDownLatch(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            String replyTo = codec.replyTo(record).orElse(null);
            String correlationId = codec.messageId(record);
            CommandMessage<?> command;
            try {
                command = codec.command(record);
            } catch (RuntimeException e) {
                log.error("Unreadable command record at {}-{}@{}", record.topic(), record.partition(), record.offset(),
                        e);
                reply(replyTo, correlationId, GenericCommandResultMessage.asCommandResultMessage(e));
                handled.countDown();
                continue;
            }
            localSegment.dispatch(command, (message, result) -> {
                reply(replyTo, correlationId, result);
                handled.countDown();
            });
        }
        try {
            if (!handled.await(2 * timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // Not acknowledged: the container polls these records again, and the handlers are idempotent.
                throw new IllegalStateException(handled.getCount() + " of " + records.size()
                        + " commands were not handled in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while commands were handled", e);
        }
    }

    private void reply(String replyTo, String correlationId, CommandResultMessage<?> result) {
        if (replyTo != null) {
            producer.send(codec.reply(replyTo, correlationId, result));
        }
    }

    private void listenForReplies(Consumer<String, byte[]> consumer) {
        try {
            while (replying) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    String correlationId = codec.correlationId(record);
                    if (correlationId != null && pending.containsKey(correlationId)) {
                        complete(correlationId, readReply(record));
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            consumer.close();
        }
    }

    private CommandResultMessage<?> readReply(ConsumerRecord<String, byte[]> record) {
        try {
            return codec.reply(record);
        } catch (RuntimeException e) {
            return GenericCommandResultMessage.asCommandResultMessage(e);
        }
    }

    @Override
    public void start() {
        running = true;
        ensureReplyListener();
        startCommandListener();
    }

    /**
     * Every instance reads all replies of its service (from the end, with no consumer group) and keeps those it
     * waits for. The partitions are assigned and positioned before the first command leaves, so no reply can slip
     * past; sagas may send commands before this connector's own start, hence the lazy start.
     */
    private synchronized void ensureReplyListener() {
        if (replyListener != null) {
            return;
        }
        replying = true;
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(clients.consumer(null));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.replies(service), Duration.ofSeconds(30))
                .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        replyConsumer = consumer;
        replyListener = new Thread(() -> listenForReplies(consumer), service + "-command-replies");
        replyListener.setDaemon(true);
        replyListener.start();
    }

    private void startCommandListener() {
        ContainerProperties properties = new ContainerProperties(Topics.commands(service));
        properties.setGroupId("bourse." + service + ".command-handlers");
        properties.setMessageListener((BatchMessageListener<String, byte[]>) this::handle);
        properties.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
                if (!revoked.isEmpty()) {
                    aggregateCaches.forEach(Cache::removeAll);
                }
            }
        });
        DefaultKafkaConsumerFactory<String, byte[]> consumers =
                new DefaultKafkaConsumerFactory<>(clients.consumer(null));
        // The consumers' own metrics, among them records-lag: commands in this service's topic not yet taken.
        consumers.addListener(new MicrometerConsumerListener<>(meterRegistry));
        commandListener = new ConcurrentMessageListenerContainer<>(consumers, properties);
        commandListener.setConcurrency(concurrency);
        commandListener.setBeanName(service + "-commands");
        commandListener.start();
    }

    @Override
    public void stop() {
        running = false;
        if (commandListener != null) {
            commandListener.stop();
        }
        replying = false;
        if (replyConsumer != null) {
            replyConsumer.wakeup();
        }
        timer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Last to start and first to stop: commands are taken only while Axon's handlers are subscribed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }

    /** The traffic per destination service, with the commands that wait for a reply now. */
    public Map<String, CommandTraffic.Destination> traffic() {
        Map<String, Long> waiting = new HashMap<>();
        Map<String, Duration> oldest = new HashMap<>();
        long now = System.nanoTime();
        for (Pending waits : pending.values()) {
            waiting.merge(waits.destination(), 1L, Long::sum);
            oldest.merge(waits.destination(), Duration.ofNanos(now - waits.sentAt()),
                    (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return traffic.snapshot(waiting, oldest);
    }

    /** How long a sender waits for a reply before the command fails with a timeout. */
    public Duration timeout() {
        return timeout;
    }

    private record Pending(CommandMessage<?> command, CommandCallback<?, ?> callback, ScheduledFuture<?> expiry,
                           String destination, long sentAt) {
    }
}
