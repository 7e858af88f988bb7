package io.bourse.platform.axon;

import java.util.Set;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.CachingSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;

/**
 * A saga store that keeps recently used sagas and their associations in memory, so a saga that starts and ends
 * within a few seconds is read from the database once, not at every event: Axon's {@link CachingSagaStore} over
 * bounded caches.
 * <p>
 * Axon's caching store updates its caches as it writes, before the transaction commits, and its cached sagas are
 * the very instances the handlers change. A unit of work that rolls back would leave changes in memory that the
 * database never saw, so every unit of work that touches the store empties both caches when it rolls back: what
 * follows reads the committed state again. Rollbacks are rare; the caches only save reads.
 * <p>
 * The caches know only what this instance did. They hold because a saga's events are handled by one processor
 * segment at a time, and its deadlines under the saga's lock; a second instance handling the same sagas would need
 * the caches off.
 */
public final class CachedSagaStore implements SagaStore<Object> {

    private static final String ROLLBACK_HOOK = CachedSagaStore.class.getName();

    private final SagaStore<Object> caching;
    private final Cache sagas;
    private final Cache associations;

    public CachedSagaStore(SagaStore<Object> delegate, long maximumSagas) {
        this.sagas = AggregateCache.ofMaximumSize(maximumSagas);
        this.associations = AggregateCache.ofMaximumSize(maximumSagas);
        this.caching = CachingSagaStore.builder().delegateSagaStore(delegate).sagaCache(sagas)
                .associationsCache(associations).build();
    }

    @Override
    public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
        forgetOnRollback();
        return caching.findSagas(sagaType, associationValue);
    }

    @Override
    public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        forgetOnRollback();
        return caching.loadSaga(sagaType, sagaIdentifier);
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        forgetOnRollback();
        caching.deleteSaga(sagaType, sagaIdentifier, associationValues);
    }

    @Override
    public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           Set<AssociationValue> associationValues) {
        forgetOnRollback();
        caching.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
    }

    @Override
    public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           AssociationValues associationValues) {
        forgetOnRollback();
        caching.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
    }

    /** Empties the caches. */
    public void clear() {
        sagas.removeAll();
        associations.removeAll();
    }

    private void forgetOnRollback() {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (!root.phase().isBefore(UnitOfWork.Phase.ROLLBACK)) {
            return;
        }
        root.getOrComputeResource(ROLLBACK_HOOK, key -> {
            root.onRollback(u -> clear());
            return Boolean.TRUE;
        });
    }
}
