package org.nanoos.labhub.connectors.opcua;

import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * An OPC UA consumer's health: DOWN, with the reason, while its server is refused for its security policies (see
 * {@link SecurityPolicyRefusals}); UP otherwise. Camel reports it as the consumer's check, {@code consumer:<route id>}.
 */
final class RefusalHealthCheck implements HealthCheck {

    private final SecurityPolicyRefusals refusals;
    private final String connection;
    private volatile boolean enabled = true;

    /**
     * @param connection the key the consumer's connection is refused under
     */
    RefusalHealthCheck(SecurityPolicyRefusals refusals, String connection) {
        this.refusals = refusals;
        this.connection = connection;
    }

    @Override
    public String getGroup() {
        return "opcua";
    }

    @Override
    public String getId() {
        return "opcua-security-policy";
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder result = HealthCheckResultBuilder.on(this);
        return refusals.reason(connection).map(reason -> result.down().message(reason)).orElseGet(result::up).build();
    }
}
