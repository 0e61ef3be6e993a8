package org.nanoos.labhub.connectors.opcua;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OPC UA session to a server, shared by the subscriptions of all routes to it that allow the same security
 * policies. Everything that changes the session or its subscriptions happens on the session's own thread, in order:
 * connecting (again and again, with back-off, while the server is away or refused), subscribing each route,
 * subscribing a route again when its subscription is lost, unsubscribing, disconnecting.
 *
 * <p>Once connected, Milo's client keeps the session up by itself: it reconnects, and creates a new session when the
 * server lost the old one (a restart); a subscription that cannot be moved to the new session is made again here.
 * A session that stays inactive for {@link #STALE_AFTER} (the server came back with another certificate or other
 * endpoints, say) is dropped and the server discovered again, so that its security policies are checked again too.
 */
final class SubscriptionSession {

    /** First wait before connecting or subscribing again. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    /** Longest wait before connecting or subscribing again; the wait doubles up to it. */
    static final Duration MAX_RETRY = Duration.ofSeconds(10);
    /** How long the session may stay inactive, with Milo reconnecting, before the server is discovered again. */
    static final Duration STALE_AFTER = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSession.class);
    private static final long WAIT_SECONDS = 15;

    private final String serverUrl;
    private final Set<String> policies;
    private final String key;
    private final OpcUaSessions sessions;
    private final SecurityPolicyRefusals refusals;
    private final ScheduledExecutorService thread;
    private final Activity activity = new Activity();

    /** Routes using this session; guarded by the component. */
    int users;

    // only on the session's thread
    private final List<OpcUaSubscriptionConsumer> consumers = new ArrayList<>();
    private final Map<OpcUaSubscriptionConsumer, Retry> retries = new HashMap<>();
    private OpcUaClient client;
    private ScheduledFuture<?> connecting;
    private Duration connectRetry = FIRST_RETRY;
    private String lastFailure;

    SubscriptionSession(String serverUrl, Set<String> policies, OpcUaSessions sessions,
                        SecurityPolicyRefusals refusals) {
        this.serverUrl = serverUrl;
        this.policies = Set.copyOf(policies);
        this.key = key(serverUrl, policies);
        this.sessions = sessions;
        this.refusals = refusals;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opcua-session-" + serverUrl);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::dropWhenStale, MAX_RETRY.toMillis(), MAX_RETRY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The key of a session, and of its refusal: server URL and sorted policy names. */
    static String key(String serverUrl, Set<String> policies) {
        return serverUrl + "|policies=" + String.join(",", new TreeSet<>(policies));
    }

    String key() {
        return key;
    }

    /** Subscribes the route's consumer, once the session is there; connects first if it is not. */
    void add(OpcUaSubscriptionConsumer consumer) {
        thread.execute(() -> {
            consumers.add(consumer);
            if (client != null) {
                subscribe(consumer);
            } else if (connecting == null) {
                connecting = thread.schedule(this::connect, 0, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Unsubscribes the route's consumer (deletes its subscription on the server), and waits until it is done. */
    void remove(OpcUaSubscriptionConsumer consumer) {
        try {
            await(thread.submit(() -> {
                consumers.remove(consumer);
                retries.remove(consumer);
                consumer.unsubscribe();
            }), "unsubscribing " + consumer.getRouteId());
        } catch (RejectedExecutionException e) {
            LOG.debug("Session to {} already closed", serverUrl);
        }
    }

    /**
     * Subscribes the consumer again: its subscription is gone on the server. Called from Milo's threads; ignored
     * once the consumer is removed or the session closed.
     */
    void resubscribe(OpcUaSubscriptionConsumer consumer, String why) {
        again(consumer, why, false);
    }

    /** Subscribes the consumer again if the server no longer has its subscription; as {@link #resubscribe}. */
    void resubscribeIfGone(OpcUaSubscriptionConsumer consumer, String why) {
        again(consumer, why, true);
    }

    private void again(OpcUaSubscriptionConsumer consumer, String why, boolean onlyIfGone) {
        try {
            thread.execute(() -> {
                if (consumers.contains(consumer) && client != null && (!onlyIfGone || !consumer.stillOnServer())) {
                    LOG.warn("Route {}: subscribing to {} on {} again: {}", consumer.getRouteId(), consumer.node(),
                            serverUrl, why);
                    consumer.unsubscribe();
                    subscribe(consumer);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Session to {} closed; not subscribing {} again", serverUrl, consumer.getRouteId());
        }
    }

    /** Disconnects and stops the session's thread; for when no route uses it any more. */
    void close() {
        try {
            await(thread.submit(this::disconnect), "disconnecting from " + serverUrl);
        } catch (RejectedExecutionException e) {
            LOG.debug("Session to {} already closed", serverUrl);
        }
        thread.shutdownNow();
        refusals.forget(key);
    }

    private void connect() {
        connecting = null;
        if (client != null || consumers.isEmpty()) {
            return;
        }
        try {
            OpcUaClient connected = sessions.connect(serverUrl, policies);
            refusals.accept(key, serverUrl);
            client = connected;
            activity.inactiveSince = null;
            client.addSessionActivityListener(activity);
            connectRetry = FIRST_RETRY;
            lastFailure = null;
            new ArrayList<>(consumers).forEach(this::subscribe);
        } catch (OpcUaSecurityPolicyRefusedException e) {
            refusals.refuse(key, e.getMessage());
            connectLater();
        } catch (UaException | RuntimeException e) {
            String failure = describe(e);
            if (!failure.equals(lastFailure)) {
                LOG.warn("Cannot connect to OPC UA server {} yet, trying again every {} s at most: {}", serverUrl,
                        MAX_RETRY.toSeconds(), failure);
            } else {
                LOG.debug("Still cannot connect to {}: {}", serverUrl, failure);
            }
            lastFailure = failure;
            connectLater();
        }
    }

    private void connectLater() {
        connecting = thread.schedule(this::connect, connectRetry.toMillis(), TimeUnit.MILLISECONDS);
        connectRetry = longer(connectRetry);
    }

    private void subscribe(OpcUaSubscriptionConsumer consumer) {
        if (client == null || !consumers.contains(consumer)) {
            return;
        }
        try {
            consumer.subscribe(client, this);
            Retry previous = retries.remove(consumer);
            if (previous != null) {
                LOG.info("Route {}: subscribed to {} on {} after all", consumer.getRouteId(), consumer.node(),
                        serverUrl);
            }
        } catch (UaException | RuntimeException e) {
            Retry previous = retries.get(consumer);
            Retry retry = previous == null ? new Retry(FIRST_RETRY, describe(e))
                    : new Retry(longer(previous.delay()), describe(e));
            retries.put(consumer, retry);
            if (previous == null || !retry.reason().equals(previous.reason())) {
                LOG.warn("Route {}: cannot subscribe to {} on {}, trying again every {} s at most: {}",
                        consumer.getRouteId(), consumer.node(), serverUrl, MAX_RETRY.toSeconds(), retry.reason());
            }
            thread.schedule(() -> {
                if (!consumer.isSubscribed()) {
                    subscribe(consumer);
                }
            }, retry.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Drops a session Milo has not got back for {@link #STALE_AFTER}, and discovers the server again. */
    private void dropWhenStale() {
        Instant inactiveSince = activity.inactiveSince;
        if (client == null || inactiveSince == null
                || Duration.between(inactiveSince, Instant.now()).compareTo(STALE_AFTER) < 0) {
            return;
        }
        LOG.warn("The session to OPC UA server {} has been down since {}; connecting afresh", serverUrl,
                inactiveSince);
        consumers.forEach(OpcUaSubscriptionConsumer::forget);
        dropClient();
        connecting = thread.schedule(this::connect, 0, TimeUnit.MILLISECONDS);
    }

    private void disconnect() {
        if (connecting != null) {
            connecting.cancel(false);
            connecting = null;
        }
        consumers.forEach(OpcUaSubscriptionConsumer::unsubscribe);
        consumers.clear();
        retries.clear();
        dropClient();
    }

    private void dropClient() {
        OpcUaClient dropped = client;
        client = null;
        if (dropped == null) {
            return;
        }
        dropped.removeSessionActivityListener(activity);
        try {
            dropped.disconnectAsync().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Disconnecting from {}: {}", serverUrl, e.toString());
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static Duration longer(Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
    }

    private static void await(Future<?> done, String what) {
        try {
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("{} failed: {}", what, e.getCause().toString());
        } catch (TimeoutException e) {
            LOG.warn("{} took longer than {} s; going on", what, WAIT_SECONDS);
        }
    }

    /** When a route's subscription is to be tried again, and why it failed last. */
    private record Retry(Duration delay, String reason) {
    }

    /** Whether Milo's session is up; set from Milo's threads. */
    private static final class Activity implements SessionActivityListener {

        private volatile Instant inactiveSince;

        @Override
        public void onSessionActive(UaSession session) {
            inactiveSince = null;
        }

        @Override
        public void onSessionInactive(UaSession session) {
            inactiveSince = Instant.now();
        }
    }
}
