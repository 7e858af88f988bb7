package io.bourse.platform.streams;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How much the live streams may hold: per subscriber, per topic, in all. */
@ConfigurationProperties("bourse.streams")
public class StreamProperties {

    /** Events that may wait for one client before its stream is ended as too slow. */
    private int bufferPerSubscriber = 256;

    /** Latest events each topic keeps, so a client that reconnects resumes where it was. */
    private int keptPerTopic = 256;

    /** Streams one instance serves at once; beyond, a new one is refused with 503. */
    private int maxSubscribers = 2000;

    /** How often an idle stream gets a comment, so proxies and clients see it is alive. */
    private Duration keepAlive = Duration.ofSeconds(15);

    /** How long a topic nobody watches keeps its latest events for a client that reconnects. */
    private Duration idleTopicRetention = Duration.ofMinutes(1);

    public int getBufferPerSubscriber() {
        return bufferPerSubscriber;
    }

    public void setBufferPerSubscriber(int bufferPerSubscriber) {
        this.bufferPerSubscriber = bufferPerSubscriber;
    }

    public int getKeptPerTopic() {
        return keptPerTopic;
    }

    public void setKeptPerTopic(int keptPerTopic) {
        this.keptPerTopic = keptPerTopic;
    }

    public int getMaxSubscribers() {
        return maxSubscribers;
    }

    public void setMaxSubscribers(int maxSubscribers) {
        this.maxSubscribers = maxSubscribers;
    }

    public Duration getKeepAlive() {
        return keepAlive;
    }

    public void setKeepAlive(Duration keepAlive) {
        this.keepAlive = keepAlive;
    }

    public Duration getIdleTopicRetention() {
        return idleTopicRetention;
    }

    public void setIdleTopicRetention(Duration idleTopicRetention) {
        this.idleTopicRetention = idleTopicRetention;
    }
}
