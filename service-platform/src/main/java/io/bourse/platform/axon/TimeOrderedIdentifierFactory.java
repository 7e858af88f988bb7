package io.bourse.platform.axon;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.axonframework.common.IdentifierFactory;

/**
 * The identifiers of every message, saga and snapshot Axon creates: version 7 UUIDs (RFC 9562), the time in
 * milliseconds followed by 74 random bits, which the generator counts up for further ids in the same millisecond.
 * <p>
 * Axon's default draws a random UUID from the JVM's shared {@code SecureRandom} for each message, several per order,
 * under that generator's lock and with a read of the system's entropy source each time; this draws random bits at
 * most once per millisecond. Ids that grow with time also land at the end of the event store's unique index on
 * event identifiers instead of on a random page of it. Axon finds this class through the service loader
 * ({@code META-INF/services}).
 */
public class TimeOrderedIdentifierFactory extends IdentifierFactory {

    private final TimeBasedEpochGenerator generator = Generators.timeBasedEpochGenerator();

    @Override
    public String generateIdentifier() {
        return generator.generate().toString();
    }
}
