package io.bourse.platform.commandbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.platform.testapp.TestServices;
import io.bourse.platform.testapp.alpha.AlphaApplication;
import io.bourse.platform.testapp.beta.BetaApplication;
import io.bourse.platform.testapp.commands.LedgerLimitException;
import io.bourse.platform.testapp.commands.OpenLedger;
import io.bourse.platform.testapp.commands.RecordEntry;
import io.bourse.platform.testapp.orphan.PingNobody;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two services on a real broker: alpha sends, beta owns the ledger commands. */
class KafkaCommandBusIT {

    static ConfigurableApplicationContext beta;
    static ConfigurableApplicationContext alpha;
    static CommandGateway fromAlpha;

    @BeforeAll
    static void startServices() {
        beta = TestServices.start(BetaApplication.class, "beta", Map.of());
        alpha = TestServices.start(AlphaApplication.class, "alpha", Map.of());
        fromAlpha = alpha.getBean(CommandGateway.class);
    }

    @AfterAll
    static void stopServices() {
        alpha.close();
        beta.close();
    }

    private static String newLedger() {
        String ledgerId = UUID.randomUUID().toString();
        fromAlpha.sendAndWait(new OpenLedger(ledgerId));
        return ledgerId;
    }

    @Test
    void aCommandSentFromOneServiceIsHandledByTheOwnerAndItsResultComesBack() {
        String ledgerId = newLedger();

        Object balance = fromAlpha.sendAndWait(new RecordEntry(ledgerId, "first", 250));

        assertThat(balance).isEqualTo(250L);
    }

    @Test
    void aDomainExceptionCrossesBackWithItsTypeAndMessage() {
        String ledgerId = newLedger();

        assertThatThrownBy(() -> fromAlpha.sendAndWait(new RecordEntry(ledgerId, "too-much", 5000)))
                .isInstanceOf(LedgerLimitException.class)
                .hasMessage("ledger " + ledgerId + " would exceed 1000");
    }

    @Test
    void aCommandNobodyAnswersEndsInATimeoutInsteadOfAHang() {
        CompletableFuture<Object> result = fromAlpha.send(new PingNobody("anyone"));

        assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CommandReplyTimeoutException.class);
    }

    @Test
    void theSameCommandDeliveredTwiceHasOneEffect() {
        String ledgerId = newLedger();
        GenericCommandMessage<RecordEntry> command =
                new GenericCommandMessage<>(new RecordEntry(ledgerId, "once", 100));

        Object first = fromAlpha.sendAndWait(command);
        Object second = fromAlpha.sendAndWait(command);
        Object after = fromAlpha.sendAndWait(new RecordEntry(ledgerId, "next", 1));

        assertThat(first).isEqualTo(100L);
        assertThat(second).isEqualTo(100L);
        assertThat(after).isEqualTo(101L);
    }

    @Test
    void commandsOfTheLocalServiceAreHandledWithoutKafka() {
        CommandGateway fromBeta = beta.getBean(CommandGateway.class);
        String ledgerId = UUID.randomUUID().toString();
        fromBeta.sendAndWait(new OpenLedger(ledgerId));

        KafkaCommandRouter router = beta.getBean(KafkaCommandRouter.class);
        assertThat(router.findDestination(new GenericCommandMessage<>(new RecordEntry(ledgerId, "x", 1))))
                .hasValueSatisfying(member -> assertThat(member.local()).isTrue());
        assertThat(fromBeta.<Object>sendAndWait(new RecordEntry(ledgerId, "x", 1))).isEqualTo(1L);
    }

    @Test
    void unknownLedgerIsReportedAsNotFound() {
        assertThatThrownBy(() -> fromAlpha.sendAndWait(new RecordEntry("no-such-ledger", "x", 1)))
                .isInstanceOf(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

}
