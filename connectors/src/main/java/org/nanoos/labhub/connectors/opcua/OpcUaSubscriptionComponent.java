package org.nanoos.labhub.connectors.opcua;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The hub's OPC UA subscriptions as a Camel consumer, {@code opcua-subscription:<server URL>?node=…}: every value
 * of a node the server reports becomes one exchange whose body is the OPC UA {@code DataValue}, in the order the
 * server sampled them. Unlike camel-milo 4.17's {@code milo-client} consumer (queue size 1, sampling interval
 * ignored, so a node that changes faster than the publishing interval loses values), the route's sampling interval
 * is asked for and the monitored item's queue holds all samples between two publishes ({@link SamplingPlan}).
 *
 * <pre>{@code
 * from("opcua-subscription:opc.tcp://furnace-pc:4840?node=RAW(nsu=urn:vendor:furnace;s=Zone1/Temperature)"
 *         + "&samplingInterval=500&securityPolicies=Basic256Sha256")
 * }</pre>
 *
 * Sessions are opened through {@link OpcUaSessions} (the hub's certificate and trust list, the allowed security
 * policies, None only when allowed), one per server and set of allowed policies, shared by the routes that use it
 * and closed when the last of them stops. A route starts whether its server is there or not; the hub connects
 * when it appears and subscribes again by itself after the server restarts. A server refused for its security
 * policies makes the route's consumer health check ({@code consumer:<route id>}) DOWN with the reason.
 */
@org.apache.camel.spi.annotations.Component("opcua-subscription")
public final class OpcUaSubscriptionComponent extends DefaultComponent {

    /** The component's URI scheme. */
    public static final String SCHEME = "opcua-subscription";

    private final OpcUaSessions sessions;
    private final SecurityPolicyRefusals refusals = new SecurityPolicyRefusals();
    private final Map<String, SubscriptionSession> open = new HashMap<>();

    /**
     * @param sessions where sessions are opened, with the hub's certificate and trust list
     */
    public OpcUaSubscriptionComponent(OpcUaSessions sessions) {
        this.sessions = sessions;
    }

    /** The servers refused at the moment for their security policies. */
    public SecurityPolicyRefusals refusals() {
        return refusals;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!remaining.startsWith("opc.tcp://")) {
            throw new IllegalArgumentException(SCHEME + " needs an opc.tcp:// server URL, was '" + remaining + "'");
        }
        OpcUaSubscriptionEndpoint endpoint = new OpcUaSubscriptionEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        endpoint.check();
        return endpoint;
    }

    /** The shared session to a server for the given policies, opened (in the background) for its first user. */
    synchronized SubscriptionSession acquire(String serverUrl, Set<String> policies) {
        String key = SubscriptionSession.key(serverUrl, policies);
        SubscriptionSession session = open.computeIfAbsent(key,
                k -> new SubscriptionSession(serverUrl, policies, sessions, refusals));
        session.users++;
        return session;
    }

    /** Gives up a use of a session; true when it was the last, and the caller is to close the session. */
    synchronized boolean release(SubscriptionSession session) {
        if (--session.users > 0) {
            return false;
        }
        open.remove(session.key());
        return true;
    }

    @Override
    protected void doStop() throws Exception {
        List<SubscriptionSession> left;
        synchronized (this) {
            left = new ArrayList<>(open.values());
            open.clear();
        }
        left.forEach(SubscriptionSession::close);
        super.doStop();
    }
}
