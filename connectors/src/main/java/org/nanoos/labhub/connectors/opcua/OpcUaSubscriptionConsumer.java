package org.nanoos.labhub.connectors.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemSynchronizationException;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route's OPC UA subscription: one subscription with one monitored item for the route's node, on the session its
 * server shares among routes ({@link SubscriptionSession}). Every value of every notification becomes an exchange
 * (body: the {@code DataValue}, as camel-milo's consumer gave it), processed on the subscription's delivery thread
 * one after the other, so values reach the route in the server's order and the next notification is asked for
 * only once the route has taken this one.
 *
 * <p>The monitored item keeps {@code discardOldest = true}: should its queue overflow anyway (the hub away longer
 * than the queue lasts), the server keeps the newest values, so that what is stored runs up to the instrument's
 * present without a hole and the gap lies in the past, where the value after it carries the overflow bit (logged
 * as a warning here). With {@code false} the server would keep the oldest values and overwrite only the last one,
 * holding back a stretch of recent data behind a hole.
 */
final class OpcUaSubscriptionConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaSubscriptionConsumer.class);
    private static final long DELETE_TIMEOUT_SECONDS = 5;

    private final OpcUaSubscriptionEndpoint endpoint;
    private final SamplingPlan plan;
    private SubscriptionSession session;
    /** The subscription on the server, or null; set on the session's thread, read by Milo's. */
    private volatile OpcUaSubscription subscription;

    OpcUaSubscriptionConsumer(OpcUaSubscriptionEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.plan = SamplingPlan.forSampling(endpoint.getSamplingInterval());
    }

    /** The node id, as the route gives it. */
    String node() {
        return endpoint.getNode();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        session = endpoint.getComponent().acquire(endpoint.getServerUrl(), endpoint.policies());
        session.add(this);
    }

    @Override
    protected void doStop() throws Exception {
        if (session != null) {
            session.remove(this);
            if (endpoint.getComponent().release(session)) {
                session.close();
            }
            session = null;
        }
        super.doStop();
    }

    /** Whether the route's subscription exists on the server. */
    boolean isSubscribed() {
        return subscription != null;
    }

    /**
     * Creates the subscription and its monitored item on the server; on the session's thread.
     *
     * @throws UaException when the server refuses either (an unknown node, say); nothing is left on the server
     */
    void subscribe(OpcUaClient client, SubscriptionSession owner) throws UaException {
        NodeId nodeId = ExpandedNodeId.parse(node()).toNodeId(client.readNamespaceTable())
                .orElseThrow(() -> new UaException(StatusCodes.Bad_NodeIdUnknown,
                        "the server does not know the namespace of " + node()));
        OpcUaSubscription created = new OpcUaSubscription(client, plan.publishingIntervalMs());
        created.setSubscriptionListener(new Listener(created, owner));
        subscription = created;
        try {
            created.create();
            OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(nodeId);
            item.setSamplingInterval(plan.samplingIntervalMs());
            item.setQueueSize(uint(plan.queueSize()));
            item.setDiscardOldest(true);
            created.addMonitoredItem(item);
            created.synchronizeMonitoredItems();
            SamplingPlan revised = plan.revised(created.getRevisedPublishingInterval().orElse(0.0),
                    item.getRevisedSamplingInterval().orElse(0.0));
            if (revised.queueSize() > item.getQueueSize().intValue()) {
                item.setQueueSize(uint(revised.queueSize()));
                created.synchronizeMonitoredItems();
            }
            int kept = item.getRevisedQueueSize().map(UInteger::intValue).orElse(0);
            if (kept < revised.queueSize()) {
                LOG.warn("Route {}: the server keeps only {} values of {} between publishes, not {}: more samples "
                        + "than that in {} ms would be lost", getRouteId(), kept, node(), revised.queueSize(),
                        revised.publishingIntervalMs());
            }
            LOG.info("Route {}: subscribed to {} on {}: sampling every {} ms, publishing every {} ms, queue of {}",
                    getRouteId(), node(), endpoint.getServerUrl(), revised.samplingIntervalMs(),
                    revised.publishingIntervalMs(), kept);
        } catch (MonitoredItemSynchronizationException e) {
            delete(created);
            StatusCode status = Stream.concat(e.getCreateResults().stream(), e.getModifyResults().stream())
                    .map(r -> r.operationResult().orElse(r.serviceResult())).filter(StatusCode::isBad).findFirst()
                    .orElse(StatusCode.BAD);
            throw new UaException(status, "the server does not monitor " + node() + ": " + name(status));
        } catch (UaException | RuntimeException e) {
            delete(created);
            throw e;
        }
    }

    /**
     * Whether the server still has the subscription, as far as it can tell: SetPublishingMode names a subscription
     * it does not know. Another failure (the session is down, say) is left to Milo's reconnecting.
     */
    boolean stillOnServer() {
        OpcUaSubscription s = subscription;
        if (s == null) {
            return false;
        }
        try {
            s.setPublishingMode(true);
            return true;
        } catch (UaException e) {
            return e.getStatusCode().getValue() != StatusCodes.Bad_SubscriptionIdInvalid;
        }
    }

    /** Deletes the subscription on the server, if there is one; waits a few seconds at most. */
    void unsubscribe() {
        OpcUaSubscription s = subscription;
        if (s != null) {
            delete(s);
        }
    }

    /** Forgets the subscription without asking the server: its session is gone. */
    void forget() {
        OpcUaSubscription s = subscription;
        subscription = null;
        if (s != null) {
            s.reset();
        }
    }

    private void delete(OpcUaSubscription s) {
        if (subscription == s) {
            subscription = null;
        }
        try {
            s.deleteAsync().toCompletableFuture().get(DELETE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Route {}: deleting the subscription to {}: {}", getRouteId(), node(), e.toString());
        } finally {
            s.reset();
        }
    }

    /** One value to the route, on the subscription's delivery thread. */
    private void deliver(DataValue value) {
        if (!isRunAllowed()) {
            LOG.debug("Route {} stopping: value of {} not processed", getRouteId(), node());
            return;
        }
        if (value.getStatusCode() != null && value.getStatusCode().isOverflowSet()) {
            LOG.warn("Route {}: the server's queue for {} overflowed before the value of {}: values were lost",
                    getRouteId(), node(), value.getSourceTime());
        }
        Exchange exchange = createExchange(false);
        exchange.getMessage().setBody(value);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Processing a value of OPC UA node " + node(), exchange,
                        exchange.getException());
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private static String name(StatusCode status) {
        return StatusCodes.lookup(status.getValue()).map(s -> s[0]).orElse(status.toString());
    }

    /** What Milo tells about the subscription: its values, and that it is lost on the server. */
    private final class Listener implements OpcUaSubscription.SubscriptionListener {

        private final OpcUaSubscription own;
        private final SubscriptionSession owner;

        Listener(OpcUaSubscription own, SubscriptionSession owner) {
            this.own = own;
            this.owner = owner;
        }

        @Override
        public void onDataReceived(OpcUaSubscription s, List<OpcUaMonitoredItem> items, List<DataValue> values) {
            values.forEach(OpcUaSubscriptionConsumer.this::deliver);
        }

        @Override
        public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
            lost("it could not be moved to the new session (" + name(status) + ")");
        }

        @Override
        public void onStatusChanged(OpcUaSubscription s, StatusCode status) {
            if (status.getValue() == StatusCodes.Bad_Timeout) {
                lost("the server ended it (Bad_Timeout)");
            }
        }

        @Override
        public void onWatchdogTimerElapsed(OpcUaSubscription s) {
            // also when the route itself held up the next publish request (storing took that long): ask first
            if (subscription == own) {
                owner.resubscribeIfGone(OpcUaSubscriptionConsumer.this,
                        "no publish response for longer than its keep-alive, and the server does not know it");
            }
        }

        @Override
        public void onNotificationDataLost(OpcUaSubscription s) {
            LOG.warn("Route {}: notifications of {} missed and not sent again by the server: values were lost",
                    getRouteId(), node());
        }

        private void lost(String why) {
            if (subscription == own) {
                owner.resubscribe(OpcUaSubscriptionConsumer.this, "its subscription is lost: " + why);
            }
        }
    }
}
