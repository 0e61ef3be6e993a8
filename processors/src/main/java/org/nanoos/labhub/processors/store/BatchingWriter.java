package org.nanoos.labhub.processors.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.support.service.ServiceSupport;
import org.nanoos.labhub.processors.model.DeadLetter;
import org.nanoos.labhub.processors.model.IngestMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's last step: collects exchanges whose body is an {@link IngestMessage} or a {@link DeadLetter}
 * into batches, commits each batch in one transaction, and only then completes the exchanges. A consumer that
 * acknowledges on completion (MQTT with manual acks, REST answering after the route) therefore acknowledges
 * only what is committed.
 *
 * <p>The caller's thread only enqueues (it blocks when {@value #DEFAULT_QUEUE_CAPACITY} exchanges wait, which
 * pushes back on the broker). One writer thread drains the queue: a batch is whatever is waiting, up to
 * {@code maxBatchSize} messages, so a lone message is written at once and a burst is written in large batches.
 * A database that is down is retried with back-off until it is back; a batch the database refuses for its data
 * is split so that only the offending message becomes a dead letter.
 *
 * <p>Put it last in a route: the exchange continues on the writer thread after the commit.
 */
public final class BatchingWriter extends ServiceSupport implements AsyncProcessor {

    /** Default number of exchanges that may wait for the writer. */
    public static final int DEFAULT_QUEUE_CAPACITY = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(BatchingWriter.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private record Pending(Object item, Exchange exchange, AsyncCallback callback) {
    }

    private final MeasurementStore store;
    private final int maxBatchSize;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong committedMessages = new AtomicLong();
    private final AtomicLong committedBatches = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public BatchingWriter(MeasurementStore store, int maxBatchSize, int queueCapacity) {
        if (maxBatchSize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("batch size and queue capacity must be positive");
        }
        this.store = store;
        this.maxBatchSize = maxBatchSize;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    @Override
    protected void doStart() {
        running = true;
        thread = new Thread(this::drainLoop, "labhub-writer");
        thread.setDaemon(false);
        thread.start();
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
        // whatever could not be written is failed, so its source delivers it again later
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, new StorageUnavailableException("the hub stopped before this message was stored"));
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof IngestMessage) && !(body instanceof DeadLetter)) {
            exchange.setException(new InvalidPayloadException(exchange, IngestMessage.class));
            callback.done(true);
            return true;
        }
        if (!running) {
            exchange.setException(new StorageUnavailableException("the writer is not running"));
            callback.done(true);
            return true;
        }
        try {
            queue.put(new Pending(body, exchange, callback));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return false;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CompletableFuture<Exchange> done = processAsync(exchange);
        done.get();
    }

    @Override
    public CompletableFuture<Exchange> processAsync(Exchange exchange) {
        CompletableFuture<Exchange> future = new CompletableFuture<>();
        process(exchange, doneSync -> future.complete(exchange));
        return future;
    }

    /** Messages committed since start (dead letters included). */
    public long committedMessages() {
        return committedMessages.get();
    }

    /** Transactions committed since start. */
    public long committedBatches() {
        return committedBatches.get();
    }

    /** Dead letters committed since start. */
    public long deadLetters() {
        return deadLetters.get();
    }

    /** Exchanges waiting for the writer right now. */
    public int queued() {
        return queue.size();
    }

    private void drainLoop() {
        List<Pending> batch = new ArrayList<>(maxBatchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatchSize - 1);
                writeWithRetry(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(batch, new StorageUnavailableException("the writer was interrupted"));
                return;
            } catch (RuntimeException e) {
                LOG.error("Unexpected error writing a batch of {} messages", batch.size(), e);
                fail(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    private void writeWithRetry(List<Pending> batch) throws InterruptedException {
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                store.write(items(batch));
                succeed(batch);
                return;
            } catch (SQLException e) {
                if (!isTransient(e)) {
                    writeOneByOne(batch, e);
                    return;
                }
                if (!running) {
                    fail(batch, new StorageUnavailableException("database unavailable while stopping: " + e.getMessage()));
                    return;
                }
                LOG.warn("Database unavailable ({}: {}); retrying {} messages in {} ms", e.getSQLState(), e.getMessage(),
                        batch.size(), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** The database refused the batch for its content: find the message it refuses and dead-letter that one. */
    private void writeOneByOne(List<Pending> batch, SQLException batchError) throws InterruptedException {
        if (batch.size() > 1) {
            LOG.warn("Batch of {} refused ({}); writing its messages one by one", batch.size(), batchError.getMessage());
        }
        for (Pending p : batch) {
            try {
                store.write(List.of(p.item()));
                succeed(List.of(p));
            } catch (SQLException e) {
                if (isTransient(e)) {
                    writeWithRetry(List.of(p));
                    continue;
                }
                if (p.item() instanceof DeadLetter) {
                    LOG.error("The database refused a dead letter; the message stays unacknowledged", e);
                    fail(List.of(p), e);
                    continue;
                }
                IngestMessage m = (IngestMessage) p.item();
                DeadLetter dead = new DeadLetter(m.source(), m.messageId(), m.measurements().get(0).sourceAddress(),
                        "rejected by the database: " + e.getMessage(), Instant.now(), m.raw());
                writeWithRetry(List.of(new Pending(dead, p.exchange(), p.callback())));
            }
        }
    }

    private static List<Object> items(List<Pending> batch) {
        List<Object> items = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            items.add(p.item());
        }
        return items;
    }

    private void succeed(List<Pending> batch) {
        committedBatches.incrementAndGet();
        committedMessages.addAndGet(batch.size());
        for (Pending p : batch) {
            if (p.item() instanceof DeadLetter) {
                deadLetters.incrementAndGet();
            }
            p.callback().done(false);
        }
    }

    private static void fail(List<Pending> batch, Exception cause) {
        for (Pending p : batch) {
            p.exchange().setException(cause);
            p.callback().done(false);
        }
    }

    /**
     * Whether retrying the same statement later can succeed: connection trouble (class 08), serialization or
     * deadlock (40), insufficient resources (53), operator intervention such as a restart (57), system error (58).
     */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e.getCause() instanceof java.io.IOException || e instanceof java.sql.SQLTransientException
                    || e instanceof java.sql.SQLRecoverableException;
        }
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57")
                || state.startsWith("58");
    }
}
