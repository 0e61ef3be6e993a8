package org.nanoos.labhub.connectors.opcua;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.milo.client.MiloClientComponent;
import org.apache.camel.component.milo.client.MiloClientConfiguration;
import org.apache.camel.component.milo.client.MiloClientConnectionManager;
import org.apache.camel.component.milo.client.MiloClientEndpoint;
import org.apache.camel.health.HealthCheckAware;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;

/**
 * camel-milo's {@code milo-client} component with what its 4.17 client leaves out under Eclipse Milo 1.0.8, so that
 * secure channels work and are safe:
 * <ul>
 * <li>the application certificate chain: camel-milo sets the certificate but not the chain, and Milo 1.0 refuses to
 * open a signed or encrypted channel without one ("no certificate chain configured");</li>
 * <li>a server certificate validator: camel-milo sets none, which accepts any server. Here a server is accepted only
 * when its certificate is in the hub's trust list ({@code <pki>/trusted/certs}); refused ones are kept in
 * {@code <pki>/rejected/certs} so an operator can move them over;</li>
 * <li>a clear refusal of a server none of whose endpoints has an allowed security policy (a server offering only
 * SecurityPolicy None, say): camel-milo then hands Milo no endpoint at all, and Milo's connect waits for ever, on the
 * thread that starts the route. Here the connect attempt fails at once with an
 * {@link OpcUaSecurityPolicyRefusedException} that says what the server offers; camel-milo tries again every 10 s,
 * so the route connects once the server offers an allowed endpoint. Meanwhile the consumer's health check
 * ({@code consumer:<route id>}) is DOWN with that reason;</li>
 * <li>BouncyCastle's JCE provider, without which Aes256_Sha256_RsaPss fails ({@link BouncyCastleRegistration});</li>
 * <li>one connection per server and set of allowed policies: camel-milo shares a connection among all endpoints
 * with the same server URL, made with the first one's options, so an instrument that allows None would otherwise
 * lend its unsecured connection to another on the same server.</li>
 * </ul>
 * Every {@code milo-client:} endpoint of the hub is made by this component; its options are camel-milo's. The hub
 * uses it for reads and method calls; its ingestion routes subscribe with {@link OpcUaSubscriptionComponent}
 * instead, since camel-milo's consumer ignores the sampling interval and keeps a monitored item queue of one.
 */
@org.apache.camel.spi.annotations.Component("milo-client")
public final class SecureMiloClientComponent extends MiloClientComponent {

    /** How long the hub waits for a refused server's endpoint list, to say what it offers. */
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(10);

    private final X509Certificate[] chain;
    private final CertificateValidator validator;
    private final FileBasedTrustListManager trustList;
    private final SecurityPolicyRefusals refusals = new SecurityPolicyRefusals();

    /**
     * @param identity the hub's application certificate and key (their key store is set as camel-milo's defaults)
     * @param pki      the directory of the hub's OPC UA trust list
     */
    public SecureMiloClientComponent(OpcUaClientIdentity identity, Path pki) throws java.io.IOException {
        BouncyCastleRegistration.ensureRegistered();
        this.chain = new X509Certificate[] {identity.certificate()};
        this.trustList = FileBasedTrustListManager.createAndInitialize(pki);
        this.validator = new DefaultClientCertificateValidator(trustList,
                FileBasedCertificateQuarantine.create(pki.resolve("rejected").resolve("certs")));
        MiloClientConfiguration defaults = getConfiguration();
        defaults.setApplicationName("Lab Hub");
        defaults.setApplicationUri(OpcUaClientIdentity.APPLICATION_URI);
        defaults.setProductUri("urn:nanoos:labhub");
        defaults.setKeyStoreUrl(identity.keyStoreUrl());
        defaults.setKeyStoreType("PKCS12");
        defaults.setKeyAlias(OpcUaClientIdentity.ALIAS);
        defaults.setKeyStorePassword(identity.password());
        defaults.setKeyPassword(identity.password());
    }

    /** The servers refused at the moment for their security policies. */
    public SecurityPolicyRefusals refusals() {
        return refusals;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SecureConfiguration configuration = new SecureConfiguration(getConfiguration(), chain, validator, refusals);
        configuration.setEndpointUri(remaining);
        MiloClientEndpoint endpoint = new SecureEndpoint(uri, this, configuration.getEndpointUri(),
                getMiloClientConnectionManager(), refusals);
        endpoint.setConfiguration(configuration);
        setProperties(endpoint, parameters);
        MiloClientConfiguration set = endpoint.getConfiguration();
        String policies = "policies=" + connectionPolicies(set.getAllowedSecurityPolicies());
        set.setClientId(set.getClientId() == null || set.getClientId().isBlank() ? policies
                : set.getClientId() + "|" + policies);
        return endpoint;
    }

    /** The allowed policies as part of a connection's id: sorted, {@code any} when camel-milo would take any. */
    static String connectionPolicies(Set<String> allowed) {
        return allowed == null || allowed.isEmpty() ? "any" : String.join(",", new TreeSet<>(allowed));
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        trustList.close();
    }

    /** camel-milo's endpoint whose consumers report a refusal of their server in their health check. */
    private static final class SecureEndpoint extends MiloClientEndpoint {

        private final SecurityPolicyRefusals refusals;

        SecureEndpoint(String uri, MiloClientComponent component, String endpointUri,
                       MiloClientConnectionManager connectionManager, SecurityPolicyRefusals refusals) {
            super(uri, component, endpointUri, connectionManager);
            this.refusals = refusals;
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            Consumer consumer = super.createConsumer(processor);
            if (consumer instanceof HealthCheckAware aware) {
                aware.setHealthCheck(new RefusalHealthCheck(refusals, getConfiguration().toCacheId()));
            }
            return consumer;
        }
    }

    /** camel-milo's configuration, completed with the certificate chain, the validator and the refusal of servers. */
    static final class SecureConfiguration extends MiloClientConfiguration {

        private final X509Certificate[] chain;
        private final CertificateValidator validator;
        private final SecurityPolicyRefusals refusals;

        SecureConfiguration(MiloClientConfiguration other, X509Certificate[] chain, CertificateValidator validator,
                            SecurityPolicyRefusals refusals) {
            super(other);
            this.chain = chain;
            this.validator = validator;
            this.refusals = refusals;
        }

        @Override
        public MiloClientConfiguration clone() {
            return new SecureConfiguration(this, chain, validator, refusals);
        }

        @Override
        public OpcUaClientConfigBuilder newBuilder() {
            OpcUaClientConfig mapped = super.newBuilder().setCertificateChain(chain)
                    .setCertificateValidator(validator).build();
            return new EndpointRequiredBuilder(mapped, this);
        }

        /** The endpoint URL without user information, as camel-milo asks it for endpoints. */
        String discoveryUrl() {
            String url = getEndpointUri();
            if (getDiscoveryEndpointUri() != null && !getDiscoveryEndpointUri().isEmpty()) {
                url = getDiscoveryEndpointUri();
            } else if (getDiscoveryEndpointSuffix() != null && !getDiscoveryEndpointSuffix().isEmpty()) {
                url = url + getDiscoveryEndpointSuffix();
            }
            return withoutUserInfo(url);
        }

        /** Called when a connect attempt has no endpoint: records the refusal and returns it to throw. */
        OpcUaSecurityPolicyRefusedException refuse() {
            String server = withoutUserInfo(getEndpointUri());
            List<String> offered;
            try {
                offered = SecurityPolicyRefusals.offered(discoveryUrl(), DISCOVERY_TIMEOUT);
            } catch (ExecutionException | TimeoutException e) {
                offered = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                offered = null;
            }
            String reason = SecurityPolicyRefusals.describe(server, offered, getAllowedSecurityPolicies());
            refusals.refuse(toCacheId(), reason);
            return new OpcUaSecurityPolicyRefusedException(server, reason);
        }

        void accepted() {
            refusals.accept(toCacheId(), withoutUserInfo(getEndpointUri()));
        }

        private static String withoutUserInfo(String url) {
            URI uri = URI.create(url);
            return uri.getUserInfo() == null ? url : url.replaceFirst(java.util.regex.Pattern.quote(
                    uri.getRawUserInfo() + "@"), "");
        }
    }

    /**
     * Milo's client configuration builder that will not build without an endpoint. camel-milo 4.17 sets no endpoint
     * when none of the server's has an allowed security policy, and Milo 1.0.8 would then try to connect for ever;
     * here building fails with the refusal instead, which camel-milo takes as a failed connect and retries later.
     */
    private static final class EndpointRequiredBuilder extends OpcUaClientConfigBuilder {

        private final SecureConfiguration configuration;
        private EndpointDescription endpoint;

        EndpointRequiredBuilder(OpcUaClientConfig from, SecureConfiguration configuration) {
            this.configuration = configuration;
            setEndpoint(from.getEndpoint());
            setDiscoveryEndpoints(from.getDiscoveryEndpoints());
            from.getKeyPair().ifPresent(this::setKeyPair);
            from.getCertificate().ifPresent(this::setCertificate);
            from.getCertificateChain().ifPresent(this::setCertificateChain);
            setCertificateValidator(from.getCertificateValidator());
            setApplicationName(from.getApplicationName());
            setApplicationUri(from.getApplicationUri());
            setProductUri(from.getProductUri());
            setSessionName(from.getSessionName());
            setSessionLocaleIds(from.getSessionLocaleIds());
            setSessionTimeout(from.getSessionTimeout());
            setRequestTimeout(from.getRequestTimeout());
            setEncodingLimits(from.getEncodingLimits());
            setMaxResponseMessageSize(from.getMaxResponseMessageSize());
            setMaxPendingPublishRequests(from.getMaxPendingPublishRequests());
            setIdentityProvider(from.getIdentityProvider());
            setKeepAliveFailuresAllowed(from.getKeepAliveFailuresAllowed());
            setKeepAliveInterval(from.getKeepAliveInterval());
            setKeepAliveTimeout(from.getKeepAliveTimeout());
            setSessionEndpointValidationEnabled(from.isSessionEndpointValidationEnabled());
        }

        @Override
        public OpcUaClientConfigBuilder setEndpoint(EndpointDescription endpoint) {
            this.endpoint = endpoint;
            return super.setEndpoint(endpoint);
        }

        @Override
        public OpcUaClientConfig build() {
            if (endpoint == null) {
                throw configuration.refuse();
            }
            configuration.accepted();
            return super.build();
        }
    }
}
