package io.bourse.platform.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How a service takes part in the Kafka messaging: its own name and topics, what it consumes, where commands go. */
@ConfigurationProperties("bourse.messaging")
public class MessagingProperties {

    /** This service's name in topic names: bourse.&lt;service&gt;.events|commands|replies. */
    private String service;

    /** The services whose events this service consumes. */
    private List<String> consumes = new ArrayList<>();

    /** Which service owns the commands of each shared-events package. */
    private Map<String, String> commandOwners = new LinkedHashMap<>(Map.of(
            "io.bourse.events.order", "order",
            "io.bourse.events.portfolio", "portfolio",
            "io.bourse.events.settlement", "settlement"));

    /** How long a sender waits for the reply to a command handled by another service. */
    private Duration commandTimeout = Duration.ofSeconds(10);

    /** Threads consuming this service's command topic; each owns some of its partitions. */
    private int commandConcurrency = 2;

    /** Commands that may wait for this service's command writer; past that, new ones are refused (503). */
    private int commandQueueCapacity = 2_000;

    /**
     * How far behind the command writer may be before new orders are refused with 503 at intake; the flow of orders
     * already accepted is never refused.
     */
    private Duration intakeMaxQueueWait = Duration.ofMillis(250);

    /** The most commands the command writer handles in one transaction. */
    private int commandBatchSize = 500;

    /** Events published to Kafka per transaction of the publishing processor. */
    private int publisherBatchSize = 500;

    /** Events a tracking processor handles per transaction, for processors that do not set their own. */
    private int processorBatchSize = 500;

    /**
     * The events this service publishes to its Kafka topic, by simple class name: its contract with the services that
     * consume it. Empty publishes every event. Events only the service itself needs stay off the wire.
     */
    private Set<String> publishedEvents = new LinkedHashSet<>();

    /** Whether this service forwards its stored events to Kafka; off only for maintenance runs. */
    private boolean publishEvents = true;

    private int partitions = 8;

    private short replicationFactor = 1;

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public List<String> getConsumes() {
        return consumes;
    }

    public void setConsumes(List<String> consumes) {
        this.consumes = consumes;
    }

    public Map<String, String> getCommandOwners() {
        return commandOwners;
    }

    public void setCommandOwners(Map<String, String> commandOwners) {
        this.commandOwners = commandOwners;
    }

    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    public int getCommandConcurrency() {
        return commandConcurrency;
    }

    public void setCommandConcurrency(int commandConcurrency) {
        this.commandConcurrency = commandConcurrency;
    }

    public int getCommandQueueCapacity() {
        return commandQueueCapacity;
    }

    public void setCommandQueueCapacity(int commandQueueCapacity) {
        this.commandQueueCapacity = commandQueueCapacity;
    }

    public Duration getIntakeMaxQueueWait() {
        return intakeMaxQueueWait;
    }

    public void setIntakeMaxQueueWait(Duration intakeMaxQueueWait) {
        this.intakeMaxQueueWait = intakeMaxQueueWait;
    }

    public int getCommandBatchSize() {
        return commandBatchSize;
    }

    public void setCommandBatchSize(int commandBatchSize) {
        this.commandBatchSize = commandBatchSize;
    }

    public int getPublisherBatchSize() {
        return publisherBatchSize;
    }

    public void setPublisherBatchSize(int publisherBatchSize) {
        this.publisherBatchSize = publisherBatchSize;
    }

    public int getProcessorBatchSize() {
        return processorBatchSize;
    }

    public void setProcessorBatchSize(int processorBatchSize) {
        this.processorBatchSize = processorBatchSize;
    }

    public Set<String> getPublishedEvents() {
        return publishedEvents;
    }

    public void setPublishedEvents(Set<String> publishedEvents) {
        this.publishedEvents = publishedEvents;
    }

    public boolean isPublishEvents() {
        return publishEvents;
    }

    public void setPublishEvents(boolean publishEvents) {
        this.publishEvents = publishEvents;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }
}
