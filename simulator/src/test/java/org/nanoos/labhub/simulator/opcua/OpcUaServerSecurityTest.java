package org.nanoos.labhub.simulator.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanoos.labhub.simulator.opcua.TestClients.ClientCertificate;

/** Endpoints, certificate trust and user identities of the OPC UA server, against a real Milo client. */
class OpcUaServerSecurityTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path pkiDir;

    private SimulatorOpcUaServer server;
    private OpcUaClient client;

    @AfterEach
    void stop() {
        TestClients.disconnect(client);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void should_offer_only_basic256sha256_sign_and_sign_and_encrypt_when_none_is_not_enabled() throws Exception {
        start(OpcUaServerOptions.builder(pkiDir).port(TestClients.freePort()));

        List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(server.endpointUrl()).get();

        assertThat(endpoints).extracting(EndpointDescription::getSecurityPolicyUri)
                .containsOnly(SecurityPolicy.Basic256Sha256.getUri());
        assertThat(endpoints).extracting(EndpointDescription::getSecurityMode)
                .containsExactlyInAnyOrder(MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt);
        assertThat(endpoints).extracting(EndpointDescription::getEndpointUrl).containsOnly(server.endpointUrl());
        assertThat(endpoints).allSatisfy(e -> assertThat(e.getServerCertificate().bytes())
                .isEqualTo(Files.readAllBytes(server.certificateFile())));
        assertThat(endpoints).allSatisfy(e -> assertThat(e.getUserIdentityTokens())
                .extracting(UserTokenPolicy::getTokenType).containsExactly(UserTokenType.Anonymous));
        assertThatThrownBy(() -> TestClients.connect(server, SecurityPolicy.None, MessageSecurityMode.None,
                ClientCertificate.generate("unsecured"))).isInstanceOf(UaException.class)
                .hasMessageContaining("no endpoint selected");
    }

    @Test
    void should_offer_security_policy_none_when_enabled() throws Exception {
        start(OpcUaServerOptions.builder(pkiDir).port(TestClients.freePort()).allowNone(true));

        List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(server.endpointUrl()).get();

        assertThat(endpoints).extracting(EndpointDescription::getSecurityPolicyUri)
                .contains(SecurityPolicy.None.getUri(), SecurityPolicy.Basic256Sha256.getUri());
        client = TestClients.connect(server, SecurityPolicy.None, MessageSecurityMode.None,
                ClientCertificate.generate("unsecured"));
        assertThat(readStatus()).isEqualTo("IDLE");
    }

    @Test
    void should_offer_only_security_policy_none_when_asked_to() throws Exception {
        start(OpcUaServerOptions.builder(pkiDir).port(TestClients.freePort())
                .securityPolicies(Set.of(SecurityPolicy.None)));

        List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(server.endpointUrl()).get();

        assertThat(endpoints).extracting(EndpointDescription::getSecurityPolicyUri)
                .containsOnly(SecurityPolicy.None.getUri());
        assertThat(endpoints).extracting(EndpointDescription::getSecurityMode).containsOnly(MessageSecurityMode.None);
        assertThat(endpoints).hasSize(1);
        ClientCertificate trusted = ClientCertificate.generate("secure");
        trusted.writeDer(pkiDir.resolve("trusted/certs"), "secure.der");
        assertThatThrownBy(() -> TestClients.connect(server, SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt, trusted)).isInstanceOf(UaException.class)
                .hasMessageContaining("no endpoint selected");
        client = TestClients.connect(server, SecurityPolicy.None, MessageSecurityMode.None,
                ClientCertificate.generate("unsecured"));
        assertThat(readStatus()).isEqualTo("IDLE");
    }

    @Test
    void should_offer_exactly_the_secure_policies_asked_for() throws Exception {
        ClientCertificate trusted = ClientCertificate.generate("oaep");
        trusted.writeDer(pkiDir.resolve("trusted/certs"), "oaep.der");
        start(OpcUaServerOptions.builder(pkiDir).port(TestClients.freePort())
                .securityPolicies(Set.of(SecurityPolicy.Aes128_Sha256_RsaOaep)));

        assertThat(DiscoveryClient.getEndpoints(server.endpointUrl()).get())
                .extracting(EndpointDescription::getSecurityPolicyUri)
                .containsOnly(SecurityPolicy.Aes128_Sha256_RsaOaep.getUri());
        client = TestClients.connect(server, SecurityPolicy.Aes128_Sha256_RsaOaep, MessageSecurityMode.SignAndEncrypt,
                trusted);
        assertThat(readStatus()).isEqualTo("IDLE");
    }

    @Test
    void should_serve_a_client_over_aes256_sha256_rsapss_when_that_is_all_it_offers() throws Exception {
        ClientCertificate trusted = ClientCertificate.generate("pss");
        trusted.writeDer(pkiDir.resolve("trusted/certs"), "pss.der");
        start(OpcUaServerOptions.builder(pkiDir).port(TestClients.freePort())
                .securityPolicies(Set.of(SecurityPolicy.Aes256_Sha256_RsaPss))
                .securityModes(Set.of(MessageSecurityMode.SignAndEncrypt)));

        assertThat(DiscoveryClient.getEndpoints(server.endpointUrl()).get())
                .extracting(EndpointDescription::getSecurityPolicyUri, EndpointDescription::getSecurityMode)
                .containsExactly(tuple(SecurityPolicy.Aes256_Sha256_RsaPss.getUri(),
                        MessageSecurityMode.SignAndEncrypt));
        // RSA-PSS signatures and RSA-OAEP-SHA256 encryption: BouncyCastle's names, registered by the server
        client = TestClients.connect(server, SecurityPolicy.Aes256_Sha256_RsaPss, MessageSecurityMode.SignAndEncrypt,
                trusted);
        assertThat(readStatus()).isEqualTo("IDLE");
    }

    @Test
    void should_refuse_options_without_a_policy_or_with_a_deprecated_one() {
        assertThatThrownBy(() -> OpcUaServerOptions.builder(pkiDir).securityPolicies(Set.of()).build())
                .hasMessageContaining("at least one security policy");
        assertThatThrownBy(() -> OpcUaServerOptions.builder(pkiDir).securityPolicies(Set.of(SecurityPolicy.Basic256))
                .build()).hasMessageContaining("are supported");
        assertThat(OpcUaServerOptions.builder(pkiDir).securityPolicies(Set.of(SecurityPolicy.None)).allowNone(true)
                .build().securityPolicies()).containsExactly(SecurityPolicy.None);
        assertThatThrownBy(() -> OpcUaServerOptions.builder(pkiDir).securityModes(Set.of()).build())
                .hasMessageContaining("one or both of [Sign, SignAndEncrypt]");
        assertThatThrownBy(() -> OpcUaServerOptions.builder(pkiDir).securityModes(Set.of(MessageSecurityMode.None))
                .build()).hasMessageContaining("one or both of [Sign, SignAndEncrypt]");
    }

    @Test
    void should_accept_a_sign_and_encrypt_client_whose_certificate_is_in_the_trusted_directory() throws Exception {
        ClientCertificate trusted = ClientCertificate.generate("trusted");
        trusted.writeDer(pkiDir.resolve("trusted/certs"), "trusted.der");
        start(OpcUaServerOptions.builder(pkiDir).port(TestClients.freePort()));

        client = TestClients.connect(server, SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt,
                trusted);

        assertThat(readStatus()).isEqualTo("IDLE");
        assertThat(client.getConfig().getEndpoint().getSecurityMode()).isEqualTo(MessageSecurityMode.SignAndEncrypt);
    }

    @Test
    void should_reject_an_unknown_client_until_its_certificate_is_moved_to_trusted() throws Exception {
        ClientCertificate stranger = ClientCertificate.generate("stranger");
        start(OpcUaServerOptions.builder(pkiDir).port(TestClients.freePort()));

        assertThatThrownBy(() -> TestClients.connect(server, SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt, stranger))
                .isInstanceOfSatisfying(UaException.class, e -> assertThat(e.getStatusCode().getValue())
                        .isEqualTo(StatusCodes.Bad_SecurityChecksFailed));
        assertThat(stranger.findIn(server.rejectedCertificatesDir())).hasSize(1);

        // what an operator does: move the rejected certificate into the trust list, while the server runs
        Path rejected = stranger.findIn(server.rejectedCertificatesDir()).get(0);
        Files.move(rejected, server.trustedCertificatesDir().resolve(rejected.getFileName()));

        await().atMost(WAIT).ignoreExceptions().until(() -> {
            client = TestClients.connect(server, SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt,
                    stranger);
            return true;
        });
        assertThat(readStatus()).isEqualTo("IDLE");
    }

    @Test
    void should_accept_any_client_certificate_when_trusting_all_clients() throws Exception {
        start(OpcUaServerOptions.builder(pkiDir).port(TestClients.freePort()).trustAllClients(true));

        client = TestClients.connect(server, SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt,
                ClientCertificate.generate("anyone"));

        assertThat(readStatus()).isEqualTo("IDLE");
        assertThat(server.rejectedCertificatesDir()).isEmptyDirectory();
    }

    @Test
    void should_let_in_the_configured_user_and_anonymous_but_not_a_wrong_password() throws Exception {
        ClientCertificate certificate = ClientCertificate.generate("user-client");
        certificate.writeDer(pkiDir.resolve("trusted/certs"), "user-client.der");
        start(OpcUaServerOptions.builder(pkiDir).port(TestClients.freePort()).user("operator", "s3cret"));

        assertThat(DiscoveryClient.getEndpoints(server.endpointUrl()).get()).allSatisfy(e ->
                assertThat(e.getUserIdentityTokens()).extracting(UserTokenPolicy::getTokenType)
                        .containsExactlyInAnyOrder(UserTokenType.Anonymous, UserTokenType.UserName));
        assertThatThrownBy(() -> TestClients.connect(server, SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt, certificate, new UsernameProvider("operator", "wrong")))
                .isInstanceOf(UaException.class);

        client = TestClients.connect(server, SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt,
                certificate, new UsernameProvider("operator", "s3cret"));
        assertThat(readStatus()).isEqualTo("IDLE");
        TestClients.disconnect(client);
        client = TestClients.connect(server, SecurityPolicy.Basic256Sha256, MessageSecurityMode.Sign, certificate);
        assertThat(readStatus()).isEqualTo("IDLE");
        assertThat(server.options().toString()).doesNotContain("s3cret");
    }

    private void start(OpcUaServerOptions.Builder options) {
        server = new SimulatorOpcUaServer(options.build(), List.of(new TemperatureStageInstrument("TS-1"))).start();
    }

    private Object readStatus() throws UaException {
        return client.readValue(0.0, TimestampsToReturn.Both, TestClients.node(client, "Lab/TS-1/Status"))
                .getValue().getValue();
    }
}
