package org.nanoos.labhub.connectors.opcua;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OPC UA servers the hub refuses at the moment because none of their endpoints has a security policy the
 * instrument allows, with the reason in words, by connection: camel-milo's cache id for {@code milo-client}, the
 * server and allowed policies for {@code opcua-subscription}. A refusal is logged as a warning when it is new or its
 * reason changes, and forgotten when the server offers an allowed endpoint again or no route uses the connection.
 */
public final class SecurityPolicyRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityPolicyRefusals.class);

    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    /** Records that the connection is refused, for {@code reason}. */
    public void refuse(String connection, String reason) {
        String previous = reasons.put(connection, reason);
        if (reason.equals(previous)) {
            LOG.debug("Still refused: {}", reason);
        } else {
            LOG.warn("{}", reason);
        }
    }

    /** Forgets a refusal of the connection: its server now offers an allowed endpoint. */
    public void accept(String connection, String server) {
        if (reasons.remove(connection) != null) {
            LOG.info("OPC UA server {} now offers an allowed security policy; connecting", server);
        }
    }

    /** Forgets a refusal without a word: no route uses the connection any more. */
    public void forget(String connection) {
        reasons.remove(connection);
    }

    /** Why the connection is refused, if it is. */
    public Optional<String> reason(String connection) {
        return Optional.ofNullable(reasons.get(connection));
    }

    /**
     * The reason in words, e.g. "OPC UA server opc.tcp://xrd-pc:4840 offers security policies [None], none of the
     * allowed [Basic256Sha256, …]; set securityPolicies=None on the instrument to allow an unsecured connection".
     *
     * @param server  the server's endpoint URL, without user information
     * @param offered the security policy URIs the server offers; null if they could not be listed
     * @param allowed the security policy URIs the instrument allows
     */
    public static String describe(String server, Collection<String> offered, Collection<String> allowed) {
        String allowedNames = names(allowed).toString();
        if (offered == null) {
            return "OPC UA server " + server + " offers no endpoint with one of the allowed security policies "
                    + allowedNames + " (its endpoints could not be listed again to say which it offers)";
        }
        if (offered.isEmpty()) {
            return "OPC UA server " + server + " offers no endpoints";
        }
        String text = "OPC UA server " + server + " offers security policies " + names(offered)
                + ", none of the allowed " + allowedNames;
        if (offered.contains(SecurityPolicy.None.getUri())) {
            return text + "; set securityPolicies=None on the instrument to allow an unsecured connection";
        }
        return text + "; add one it offers to the instrument's securityPolicies to accept it";
    }

    /**
     * The security policy URIs the server offers, from its GetEndpoints service.
     *
     * @param discoveryUrl the URL to ask, without user information
     * @param timeout      how long to wait for the answer
     */
    public static List<String> offered(String discoveryUrl, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(discoveryUrl)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return endpoints.stream().map(EndpointDescription::getSecurityPolicyUri).distinct().toList();
    }

    /** Short names (Basic256Sha256) in Milo's order of the policies, URIs Milo does not know as they are. */
    private static List<String> names(Collection<String> uris) {
        return uris.stream().distinct()
                .sorted(Comparator.comparingInt((String uri) -> SecurityPolicy.fromUriSafe(uri)
                        .map(Enum::ordinal).orElse(Integer.MAX_VALUE)).thenComparing(Comparator.naturalOrder()))
                .map(uri -> SecurityPolicy.fromUriSafe(uri).map(Enum::name).orElse(uri))
                .toList();
    }
}
