package org.nanoos.labhub.connectors.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.apache.camel.component.milo.client.MiloClientConfiguration;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.junit.jupiter.api.Test;

/**
 * How the hub refuses an OPC UA server none of whose endpoints has an allowed security policy: the words of the
 * refusal, and the client configuration that fails at once instead of handing Milo no endpoint.
 */
class SecurityPolicyRefusalTest {

    private static final List<String> HUB_DEFAULT = List.of(SecurityPolicy.Aes256_Sha256_RsaPss.getUri(),
            SecurityPolicy.Basic256Sha256.getUri(), SecurityPolicy.Aes128_Sha256_RsaOaep.getUri());

    @Test
    void should_name_what_a_none_only_server_offers_and_how_to_allow_it() {
        String reason = SecurityPolicyRefusals.describe("opc.tcp://xrd-pc:4840",
                List.of(SecurityPolicy.None.getUri()), HUB_DEFAULT);

        assertThat(reason).isEqualTo("OPC UA server opc.tcp://xrd-pc:4840 offers security policies [None], none of "
                + "the allowed [Basic256Sha256, Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss]; set "
                + "securityPolicies=None on the instrument to allow an unsecured connection");
    }

    @Test
    void should_not_suggest_none_when_the_server_offers_only_other_policies() {
        String reason = SecurityPolicyRefusals.describe("opc.tcp://old-pc:4840",
                List.of(SecurityPolicy.Basic128Rsa15.getUri(), SecurityPolicy.Basic256.getUri()),
                List.of(SecurityPolicy.Basic256Sha256.getUri()));

        assertThat(reason).contains("offers security policies [Basic128Rsa15, Basic256], none of the allowed "
                + "[Basic256Sha256]").contains("add one it offers").doesNotContain("securityPolicies=None");
    }

    @Test
    void should_warn_once_per_reason_and_forget_a_refusal_when_the_server_is_accepted() {
        SecurityPolicyRefusals refusals = new SecurityPolicyRefusals();

        refusals.refuse("opc.tcp://a:4840|policies=x", "refused");
        refusals.refuse("opc.tcp://a:4840|policies=x", "refused");

        assertThat(refusals.reason("opc.tcp://a:4840|policies=x")).contains("refused");
        assertThat(refusals.reason("opc.tcp://b:4840|policies=x")).isEmpty();
        refusals.accept("opc.tcp://a:4840|policies=x", "opc.tcp://a:4840");
        assertThat(refusals.reason("opc.tcp://a:4840|policies=x")).isEmpty();
    }

    @Test
    void should_fail_a_connect_without_an_endpoint_at_once_with_the_refusal_and_no_password() throws Exception {
        SecurityPolicyRefusals refusals = new SecurityPolicyRefusals();
        int port = freePort();
        SecureMiloClientComponent.SecureConfiguration configuration = configuration(refusals,
                "opc.tcp://operator:s3cret@127.0.0.1:" + port);

        // what camel-milo does when no endpoint of the server has an allowed policy: it sets none
        assertThatThrownBy(() -> configuration.newBuilder().setEndpoint(null).build())
                .isInstanceOfSatisfying(OpcUaSecurityPolicyRefusedException.class, e -> {
                    assertThat(e.server()).isEqualTo("opc.tcp://127.0.0.1:" + port);
                    assertThat(e.getMessage()).contains("allowed security policies [Basic256Sha256]")
                            .doesNotContain("s3cret");
                });
        assertThat(refusals.reason(configuration.toCacheId())).isPresent();

        // the server offers an allowed endpoint later: the configuration builds, the refusal is forgotten
        EndpointDescription secure = new EndpointDescription(configuration.getEndpointUri(), null,
                ByteString.NULL_VALUE, MessageSecurityMode.SignAndEncrypt, SecurityPolicy.Basic256Sha256.getUri(),
                null, null, null);
        assertThat(configuration.newBuilder().setEndpoint(secure).build().getEndpoint()).isSameAs(secure);
        assertThat(refusals.reason(configuration.toCacheId())).isEmpty();
    }

    @Test
    void should_keep_connections_with_different_allowed_policies_apart() {
        assertThat(SecureMiloClientComponent.connectionPolicies(Set.of("b", "a"))).isEqualTo("a,b");
        assertThat(SecureMiloClientComponent.connectionPolicies(Set.of())).isEqualTo("any");
        assertThat(SecureMiloClientComponent.connectionPolicies(Set.of(SecurityPolicy.None.getUri())))
                .isNotEqualTo(SecureMiloClientComponent.connectionPolicies(Set.of(
                        SecurityPolicy.Basic256Sha256.getUri())));
    }

    private static SecureMiloClientComponent.SecureConfiguration configuration(SecurityPolicyRefusals refusals,
                                                                            String endpointUri) {
        SecureMiloClientComponent.SecureConfiguration configuration = new SecureMiloClientComponent.SecureConfiguration(
                new MiloClientConfiguration(), new X509Certificate[0],
                new CertificateValidator.InsecureCertificateValidator(), refusals);
        configuration.setEndpointUri(endpointUri);
        configuration.setAllowedSecurityPolicies("Basic256Sha256");
        return configuration;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
