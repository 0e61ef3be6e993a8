package org.nanoos.labhub.connectors.opcua;

import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;

/**
 * An {@code opcua-subscription} endpoint: one node of one server, its sampling interval and the security policies
 * allowed for the connection. Consumer only; reads, writes and method calls go through {@code milo-client}.
 */
public final class OpcUaSubscriptionEndpoint extends DefaultEndpoint {

    private final String serverUrl;
    private String node;
    private double samplingInterval = 1000;
    private String securityPolicies;
    private Set<String> policies;

    OpcUaSubscriptionEndpoint(String uri, OpcUaSubscriptionComponent component, String serverUrl) {
        super(uri, component);
        this.serverUrl = serverUrl;
    }

    @Override
    public OpcUaSubscriptionComponent getComponent() {
        return (OpcUaSubscriptionComponent) super.getComponent();
    }

    /** The server's endpoint URL, e.g. {@code opc.tcp://xrd-pc:4840}. */
    public String getServerUrl() {
        return serverUrl;
    }

    /** The node id, e.g. {@code nsu=urn:nanoos:labhub:simulator;s=Lab/TS-1/Temperature} or {@code ns=2;i=1001}. */
    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    /** The sampling interval asked of the server, ms; 1000 by default. */
    public double getSamplingInterval() {
        return samplingInterval;
    }

    public void setSamplingInterval(double samplingInterval) {
        this.samplingInterval = samplingInterval;
    }

    /** The allowed security policies, comma-separated names such as {@code Basic256Sha256}; None only on purpose. */
    public String getSecurityPolicies() {
        return securityPolicies;
    }

    public void setSecurityPolicies(String securityPolicies) {
        this.securityPolicies = securityPolicies;
    }

    /** The allowed security policies' names, sorted. */
    Set<String> policies() {
        return policies;
    }

    /** Checks the options once they are set, naming the first that is wrong. */
    void check() {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException(getEndpointUri() + ": the option node (a node id) is missing");
        }
        try {
            ExpandedNodeId.parse(node);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(getEndpointUri() + ": node '" + node + "' is not a node id");
        }
        SamplingPlan.forSampling(samplingInterval);
        if (securityPolicies == null || securityPolicies.isBlank()) {
            throw new IllegalArgumentException(getEndpointUri() + ": the option securityPolicies is missing");
        }
        Set<String> names = new TreeSet<>();
        for (String name : securityPolicies.split(",")) {
            names.add(policyName(name.trim()));
        }
        policies = Set.copyOf(names);
    }

    private String policyName(String name) {
        for (SecurityPolicy p : SecurityPolicy.values()) {
            if (p.name().equals(name) || p.getUri().equals(name)) {
                return p.name();
            }
        }
        throw new IllegalArgumentException(getEndpointUri() + ": unknown OPC UA security policy '" + name + "'");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        OpcUaSubscriptionConsumer consumer = new OpcUaSubscriptionConsumer(this, processor);
        consumer.setHealthCheck(new RefusalHealthCheck(getComponent().refusals(),
                SubscriptionSession.key(serverUrl, policies)));
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(OpcUaSubscriptionComponent.SCHEME
                + " only subscribes; read, write and call methods with milo-client");
    }
}
