package org.nanoos.labhub.connectors.opcua;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * OPC UA sessions the hub opens itself, with the hub's certificate and trust list: for method calls and reads that
 * camel-milo 4.17 cannot do (its producer drops the result of a method call, so whether an instrument accepted a
 * start is lost) through {@link #session}, one shared session per endpoint and set of allowed security policies,
 * dropped after a failure so the next use opens a fresh one; and for the {@code opcua-subscription} component,
 * which keeps its sessions itself, through {@link #connect}.
 *
 * <p>Endpoint choice: the server's endpoints are discovered (with a timeout); of those whose security policy is
 * allowed, the one with the highest security level is taken. A server that offers none of the allowed policies is
 * refused with a message naming what it offers ({@link SecurityPolicyRefusals#describe}); policy None is used only
 * where an instrument's settings allow it. Making sessions registers BouncyCastle's JCE provider, for
 * Aes256_Sha256_RsaPss ({@link BouncyCastleRegistration}).
 */
public final class OpcUaSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaSessions.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final OpcUaClientIdentity identity;
    private final FileBasedTrustListManager trustList;
    private final CertificateValidator validator;
    private final Map<String, OpcUaClient> sessions = new ConcurrentHashMap<>();

    /**
     * @param identity the hub's application certificate and key
     * @param pki      the directory of the hub's OPC UA trust list ({@code trusted/certs} holds the servers' certificates)
     */
    public OpcUaSessions(OpcUaClientIdentity identity, Path pki) throws java.io.IOException {
        BouncyCastleRegistration.ensureRegistered();
        this.identity = identity;
        this.trustList = FileBasedTrustListManager.createAndInitialize(pki);
        this.validator = new DefaultClientCertificateValidator(trustList,
                FileBasedCertificateQuarantine.create(pki.resolve("rejected").resolve("certs")));
    }

    /**
     * The connected session to an endpoint, opening it when there is none.
     *
     * @param policies the allowed security policy names (e.g. {@code Basic256Sha256}, {@code None})
     * @throws UaException                          when the server cannot be reached or refuses us
     * @throws OpcUaSecurityPolicyRefusedException when the server offers none of the allowed policies
     */
    public OpcUaClient session(String endpointUrl, Set<String> policies) throws UaException {
        String key = endpointUrl + "|" + policies.stream().sorted().collect(Collectors.joining(","));
        OpcUaClient existing = sessions.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            existing = sessions.get(key);
            if (existing != null) {
                return existing;
            }
            OpcUaClient client = connect(endpointUrl, policies);
            sessions.put(key, client);
            return client;
        }
    }

    /** Forgets a session after a failure; the next {@link #session} opens a new one. */
    public void discard(String endpointUrl, OpcUaClient client) {
        sessions.values().removeIf(c -> c == client);
        try {
            client.disconnectAsync().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Disconnecting from {}: {}", endpointUrl, e.toString());
        }
    }

    /**
     * A new session to an endpoint, not shared: the caller disconnects it. Once connected, Milo's client keeps it
     * up by itself (reconnecting, and creating a new session when the server lost the old one).
     *
     * @param policies the allowed security policy names (e.g. {@code Basic256Sha256}, {@code None})
     * @throws UaException                          when the server cannot be reached or refuses us
     * @throws OpcUaSecurityPolicyRefusedException when the server offers none of the allowed policies
     */
    public OpcUaClient connect(String endpointUrl, Set<String> policies) throws UaException {
        Set<String> allowedUris = new java.util.HashSet<>();
        for (String name : policies) {
            allowedUris.add(policy(name).getUri());
        }
        List<EndpointDescription> endpoints;
        try {
            endpoints = DiscoveryClient.getEndpoints(endpointUrl).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UaException(e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new UaException(cause instanceof UaException ua ? ua.getStatusCode().getValue()
                    : org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_CommunicationError,
                    "cannot get the endpoints of " + endpointUrl + ": " + cause.getMessage());
        }
        EndpointDescription best = null;
        List<String> offered = new ArrayList<>();
        for (EndpointDescription ep : endpoints) {
            offered.add(ep.getSecurityPolicyUri());
            if (allowedUris.contains(ep.getSecurityPolicyUri())
                    && (best == null || ep.getSecurityLevel().compareTo(best.getSecurityLevel()) > 0)) {
                best = ep;
            }
        }
        if (best == null) {
            throw new OpcUaSecurityPolicyRefusedException(endpointUrl,
                    SecurityPolicyRefusals.describe(endpointUrl, offered, allowedUris));
        }
        OpcUaClientConfig config = OpcUaClientConfig.builder()
                .setApplicationName(LocalizedText.english("Lab Hub"))
                .setApplicationUri(OpcUaClientIdentity.APPLICATION_URI)
                .setProductUri("urn:nanoos:labhub")
                .setKeyPair(identity.keyPair())
                .setCertificate(identity.certificate())
                .setCertificateChain(new java.security.cert.X509Certificate[] {identity.certificate()})
                .setCertificateValidator(validator)
                .setEndpoint(best)
                .setIdentityProvider(AnonymousProvider.INSTANCE)
                .setRequestTimeout(uint(TIMEOUT_SECONDS * 1000))
                .build();
        OpcUaClient client = OpcUaClient.create(config);
        try {
            client.connectAsync().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UaException(e);
        } catch (ExecutionException | TimeoutException e) {
            client.disconnectAsync();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new UaException(org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_CommunicationError,
                    "cannot open a session on " + endpointUrl + " (" + best.getSecurityPolicyUri() + "): "
                            + cause.getMessage());
        }
        LOG.info("OPC UA session to {} with {}", endpointUrl, best.getSecurityPolicyUri());
        return client;
    }

    private static SecurityPolicy policy(String name) throws UaException {
        for (SecurityPolicy p : SecurityPolicy.values()) {
            if (p.name().equals(name.trim()) || p.getUri().equals(name.trim())) {
                return p;
            }
        }
        throw new UaException(org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_ConfigurationError,
                "unknown OPC UA security policy '" + name + "'");
    }

    @Override
    public void close() throws Exception {
        for (OpcUaClient c : sessions.values()) {
            try {
                c.disconnectAsync().get(2, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("Disconnecting: {}", e.toString());
            }
        }
        sessions.clear();
        trustList.close();
    }
}
