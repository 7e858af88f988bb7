package io.bourse.e2e;

import io.bourse.events.settlement.SettlementStarted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/** A saga of the test's own, added to settlement-service, that starts with each settlement and never ends: stuck. */
@Saga
@ProcessingGroup("settlement-watch")
public class SettlementWatch {

    private String tradeId;

    @StartSaga
    @SagaEventHandler(associationProperty = "tradeId")
    public void on(SettlementStarted event) {
        tradeId = event.tradeId();
    }

    public String getTradeId() {
        return tradeId;
    }
}
