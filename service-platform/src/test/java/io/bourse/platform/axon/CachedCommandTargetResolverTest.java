package io.bourse.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

class CachedCommandTargetResolverTest {

    record Deposit(@TargetAggregateIdentifier String accountId, long amount) {
    }

    record Amend(@TargetAggregateIdentifier String orderId, @TargetAggregateVersion Long expectedVersion) {
    }

    static class ByMethod {
        private final String id = "field-is-not-annotated";

        @TargetAggregateIdentifier
        String target() {
            return "from-method-" + id.length();
        }
    }

    record Anonymous(String accountId) {
    }

    private final CachedCommandTargetResolver resolver = new CachedCommandTargetResolver();
    private final AnnotationCommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    @Test
    void findsTheSameTargetAsAxonsResolver() {
        for (Object command : new Object[] {new Deposit("acc-1", 5), new Amend("ord-7", 3L), new Amend("ord-8", null),
                new ByMethod()}) {
            VersionedAggregateIdentifier ours = resolver.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            VersionedAggregateIdentifier theirs = axons.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            assertThat(ours).isEqualTo(theirs);
        }
        assertThat(resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new Amend("ord-7", 3L))).getVersion())
                .isEqualTo(3L);
    }

    @Test
    void refusesACommandWithoutATarget() {
        assertThatThrownBy(() -> resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new Anonymous("a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Anonymous");
        assertThatThrownBy(() -> resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new Deposit(null, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
