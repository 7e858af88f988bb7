package io.bourse.settlement.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.task.Task;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Axon's deadlines in PostgreSQL (table {@code scheduled_tasks}) through db-scheduler, so a saga's deadline
 * survives a restart and fires on whichever instance is up. Axon's own auto-configuration builds the
 * {@link DbSchedulerDeadlineManager} as soon as a {@link Scheduler} bean exists, and leaves starting and stopping
 * that scheduler to us: it starts once Axon has started, and stops before Axon stops.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineSchedulerConfiguration {

    /** Due deadlines fire within this much of their time. */
    static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);
    /** A deadline picked by an instance that died is fired again after a few missed heartbeats (a minute). */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    /** Firing a deadline only sends commands, so a couple of threads keep up with many sagas. */
    static final int THREADS = 2;
    static final Duration SHUTDOWN_MAX_WAIT = Duration.ofSeconds(10);

    /** Fires a stored deadline through the deadline manager, looked up late: the manager is built on the scheduler. */
    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(ApplicationContext context) {
        return DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
    }

    /**
     * Knows every db-scheduler task of the context (Axon adds one for scheduled events). Its statements join the
     * transaction that is open, so a deadline a saga schedules or cancels is stored or removed with the saga.
     */
    @Bean
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, ObjectProvider<MeterRegistry> meters) {
        SchedulerBuilder builder = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .pollingInterval(POLLING_INTERVAL)
                .heartbeatInterval(HEARTBEAT_INTERVAL)
                .threads(THREADS)
                .shutdownMaxWait(SHUTDOWN_MAX_WAIT);
        meters.ifAvailable(registry -> builder.statsRegistry(new MicrometerStatsRegistry(registry, tasks)));
        return builder.build();
    }

    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler deadlineScheduler) {
        return new SchedulerLifecycle(deadlineScheduler);
    }

    /** Runs the scheduler between Axon's start and stop, so no deadline fires into a half-started application. */
    static final class SchedulerLifecycle implements SmartLifecycle {

        private static final Logger log = LoggerFactory.getLogger(SchedulerLifecycle.class);

        private final Scheduler scheduler;
        private volatile boolean running;

        SchedulerLifecycle(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void start() {
            if (scheduler.getSchedulerState().isShuttingDown()) {
                log.warn("The deadline scheduler was stopped before and cannot start again");
                return;
            }
            scheduler.start();
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            scheduler.stop();
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
        }
    }
}
