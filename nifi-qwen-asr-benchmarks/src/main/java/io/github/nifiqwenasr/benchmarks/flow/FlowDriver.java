/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.benchmarks.flow;

import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.util.MockProcessSession;
import org.apache.nifi.util.TestRunner;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs a {@link MockFlow} the way NiFi's timer-driven scheduler runs a processor:
 * <ul>
 * <li>a number of concurrent tasks trigger it back to back while its input queue holds FlowFiles;</li>
 * <li>{@code context.yield()} stops every task for the yield duration (TestRunner.run ignores yields, so a processor
 * out of permits would spin);</li>
 * <li>with nothing queued a task waits NiFi's bored-yield time, 10 ms;</li>
 * <li>each committed session is handed to the caller once, to route its FlowFiles on as connections would.</li>
 * </ul>
 * A trigger that throws is counted and yields the processor, as NiFi's administrative yield does.
 */
public final class FlowDriver implements AutoCloseable {

    private static final long BORED_YIELD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final MockFlow flow;
    private final ProcessContext context;
    private final int concurrentTasks;
    private final long yieldNanos;
    private final Consumer<MockProcessSession> committed;
    private final ExecutorService tasks;
    private final AtomicLong yieldUntil = new AtomicLong(System.nanoTime());
    private final AtomicLong yields = new AtomicLong();
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running;

    /**
     * @param runner        a runner whose processor is configured, its services enabled and {@code @OnScheduled} run
     * @param yieldDuration how long a yield stops the processor (its default, scaled when time is compressed)
     * @param committed     called with each committed session, on the task that ran it
     */
    public FlowDriver(final TestRunner runner, final int concurrentTasks, final Duration yieldDuration,
                      final Consumer<MockProcessSession> committed) {
        this.flow = new MockFlow(runner);
        this.context = yieldRecording(runner.getProcessContext());
        this.concurrentTasks = concurrentTasks;
        this.yieldNanos = yieldDuration.toNanos();
        this.committed = committed;
        this.tasks = Executors.newFixedThreadPool(concurrentTasks);
    }

    /** The yield duration a processor class declares with {@code @DefaultSettings}, or NiFi's default of 1 s. */
    public static Duration defaultYieldDuration(final Class<? extends Processor> type) {
        final DefaultSettings settings = type.getAnnotation(DefaultSettings.class);
        return settings == null ? Duration.ofSeconds(1) : NiFiDurations.parse(settings.yieldDuration());
    }

    /** The penalty duration a processor class declares with {@code @DefaultSettings}, or NiFi's default of 30 s. */
    public static Duration defaultPenaltyDuration(final Class<? extends Processor> type) {
        final DefaultSettings settings = type.getAnnotation(DefaultSettings.class);
        return settings == null ? Duration.ofSeconds(30) : NiFiDurations.parse(settings.penaltyDuration());
    }

    /** The processor's input queue. */
    public MockFlow flow() {
        return flow;
    }

    public void start() {
        running = true;
        for (int i = 0; i < concurrentTasks; i++) {
            tasks.submit(this::loop);
        }
    }

    /** Stops triggering and waits for the triggers under way to finish. */
    public void stop() throws InterruptedException {
        running = false;
        tasks.shutdown();
        if (!tasks.awaitTermination(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("The processor did not return within a minute of stopping");
        }
    }

    public long triggers() {
        return flow.triggers();
    }

    public long yields() {
        return yields.get();
    }

    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
        if (!tasks.isShutdown()) {
            stop();
        }
    }

    private void loop() {
        while (running) {
            final long wait = yieldUntil.get() - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (flow.isQueueEmpty()) {
                LockSupport.parkNanos(BORED_YIELD_NANOS);
            } else {
                runOnce();
            }
        }
    }

    private void runOnce() {
        final MockProcessSession session;
        try {
            session = flow.trigger(context);
        } catch (final RuntimeException e) {
            failures.add(e);
            yieldProcessor();
            return;
        }
        committed.accept(session);
    }

    private void yieldProcessor() {
        yields.incrementAndGet();
        final long until = System.nanoTime() + yieldNanos;
        yieldUntil.accumulateAndGet(until, (current, next) -> next - current > 0 ? next : current);
    }

    /** The runner's context, except that {@code yield()} stops this driver's tasks instead of setting a flag. */
    private ProcessContext yieldRecording(final ProcessContext delegate) {
        return (ProcessContext) Proxy.newProxyInstance(ProcessContext.class.getClassLoader(), new Class<?>[] {ProcessContext.class},
                (proxy, method, args) -> {
                    if ("yield".equals(method.getName()) && method.getParameterCount() == 0) {
                        yieldProcessor();
                        return null;
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (final InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
