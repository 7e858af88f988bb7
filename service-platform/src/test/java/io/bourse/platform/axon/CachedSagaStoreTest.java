package io.bourse.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.Test;

class CachedSagaStoreTest {

    static class Trade {
        String state = "STARTED";
    }

    /** The store behind the cache, counting what reaches it. */
    static class CountingStore implements SagaStore<Object> {
        final InMemorySagaStore stored = new InMemorySagaStore();
        final AtomicInteger finds = new AtomicInteger();
        final AtomicInteger loads = new AtomicInteger();

        @Override
        public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
            finds.incrementAndGet();
            return stored.findSagas(sagaType, associationValue);
        }

        @Override
        public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
            loads.incrementAndGet();
            return stored.loadSaga(sagaType, sagaIdentifier);
        }

        @Override
        public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
            stored.deleteSaga(sagaType, sagaIdentifier, associationValues);
        }

        @Override
        public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                               Set<AssociationValue> associationValues) {
            stored.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
        }

        @Override
        public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                               AssociationValues associationValues) {
            stored.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
        }
    }

    private static final AssociationValue TRADE = new AssociationValue("tradeId", "t-1");

    private final CountingStore database = new CountingStore();
    private final CachedSagaStore store = new CachedSagaStore(database, 100);

    @Test
    void aSagaInUseIsReadFromMemory() {
        inUnitOfWork(() -> assertThat(store.findSagas(Trade.class, TRADE)).isEmpty(), false);
        inUnitOfWork(() -> store.insertSaga(Trade.class, "s-1", new Trade(), Set.of(TRADE)), false);

        inUnitOfWork(() -> {
            assertThat(store.findSagas(Trade.class, TRADE)).containsExactly("s-1");
            assertThat(store.loadSaga(Trade.class, "s-1").saga().state).isEqualTo("STARTED");
        }, false);

        assertThat(database.finds).hasValue(1);
        assertThat(database.loads).hasValue(0);
    }

    @Test
    void aRollbackForgetsWhatTheCacheHeld() {
        inUnitOfWork(() -> store.insertSaga(Trade.class, "s-1", new Trade(), Set.of(TRADE)), false);
        inUnitOfWork(() -> {
            store.loadSaga(Trade.class, "s-1").saga().state = "CHANGED IN A ROLLED BACK UNIT OF WORK";
            store.findSagas(Trade.class, TRADE);
        }, true);
        int findsBefore = database.finds.get();
        int loadsBefore = database.loads.get();

        inUnitOfWork(() -> {
            store.findSagas(Trade.class, TRADE);
            store.loadSaga(Trade.class, "s-1");
        }, false);

        assertThat(database.loads.get() - loadsBefore).as("the saga read again after the rollback").isEqualTo(1);
        assertThat(database.finds.get() - findsBefore).as("its associations too").isEqualTo(1);
    }

    private static void inUnitOfWork(Runnable work, boolean rollBack) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        work.run();
        if (rollBack) {
            unitOfWork.rollback();
        } else {
            unitOfWork.commit();
        }
    }
}
