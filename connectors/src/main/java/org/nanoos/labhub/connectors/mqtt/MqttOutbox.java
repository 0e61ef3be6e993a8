package org.nanoos.labhub.connectors.mqtt;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own publications (job states on {@code lab/jobs/<id>/state}) in the order they were made, each handed to
 * the broker at QoS 1 and acknowledged before the next. A message made while the client is not connected yet, or
 * between a lost connection and Paho's automatic reconnect, or refused because too many publishes are in flight,
 * waits here and goes out once the broker takes it: a state change is never dropped because the connection was
 * briefly not there. Only a full queue (a broker away for a long time) or closing the hub loses messages, and both
 * are logged with the count.
 */
final class MqttOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(MqttOutbox.class);

    private final MqttAsyncClient client;
    private final BlockingQueue<Pending> queue;
    private final Duration ackTimeout;
    private final Thread worker;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param client     the connected-or-connecting client to publish with (its connection is managed elsewhere)
     * @param capacity   how many messages may wait for the broker
     * @param ackTimeout how long to wait for the broker's acknowledgement of one message before trying it again
     */
    MqttOutbox(MqttAsyncClient client, int capacity, Duration ackTimeout) {
        this.client = client;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.ackTimeout = ackTimeout;
        this.worker = new Thread(this::run, "labhub-mqtt-outbox");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Queues a message for the broker.
     *
     * @return {@code false} when the queue is full or the outbox closed (the message is lost and logged)
     */
    boolean offer(String topic, byte[] payload, boolean retained) {
        if (closed || !queue.offer(new Pending(topic, payload, retained))) {
            long n = dropped.incrementAndGet();
            LOG.warn("MQTT outbox {}: dropped a message for {} ({} dropped so far)",
                    closed ? "closed" : "full (" + queue.size() + " waiting for the broker)", topic, n);
            return false;
        }
        return true;
    }

    private void run() {
        Pending next = null;
        long backoff = 100;
        while (!closed || next != null || !queue.isEmpty()) {
            try {
                if (next == null) {
                    next = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        continue;
                    }
                }
                if (!client.isConnected()) {
                    if (closed) {
                        break;
                    }
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, 2000);
                    continue;
                }
                MqttMessage message = new MqttMessage(next.payload());
                message.setQos(1);
                message.setRetained(next.retained());
                client.publish(next.topic(), message).waitForCompletion(ackTimeout.toMillis());
                next = null;
                backoff = 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (MqttException e) {
                // not connected any more, too many in flight, or no acknowledgement in time: the same message again
                LOG.debug("MQTT outbox: {} not taken yet ({}), trying again", next.topic(), e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = Math.min(backoff * 2, 2000);
            }
        }
        int left = queue.size() + (next == null ? 0 : 1);
        if (left > 0) {
            LOG.warn("MQTT outbox closed with {} message(s) the broker did not take", left);
        }
    }

    /** Stops taking messages and gives the queued ones up to {@code drain} to reach the broker. */
    void close(Duration drain) {
        closed = true;
        try {
            worker.join(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.interrupt();
    }

    private record Pending(String topic, byte[] payload, boolean retained) {
    }
}
