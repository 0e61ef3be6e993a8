package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.AvailablePortFinder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.simulator.opcua.OpcUaServerOptions;
import org.nanoos.labhub.simulator.opcua.SimulatorOpcUaServer;
import org.nanoos.labhub.simulator.opcua.TemperatureStageInstrument;

/**
 * The hub refuses an OPC UA server that offers only SecurityPolicy None unless the instrument allows None: the hub
 * starts anyway, the route stays up without storing anything, its consumer's health says why; it connects when the
 * server offers security later, and at once for an instrument configured with {@code securityPolicies=None}. Each of
 * its default policies works, down to Aes256_Sha256_RsaPss alone (RSA-PSS, through BouncyCastle).
 */
class OpcUaSecurityTest extends HubTestSupport {

    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "opcua-security-test", dbUrl);
    private static final Db db = new Db(dbUrl);
    private static final String NODE = "nsu=urn:nanoos:labhub:simulator;s=Lab/TS-1/Temperature";

    private SimulatorOpcUaServer server;

    @Override
    protected Properties hubProperties() {
        return properties;
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static SimulatorOpcUaServer startServer(OpcUaServerOptions options) {
        TemperatureStageInstrument stage = new TemperatureStageInstrument("TS-1",
                TemperatureStageInstrument.StageSettings.defaults().withTickInterval(Duration.ofMillis(100)));
        return new SimulatorOpcUaServer(options, List.of(stage)).start();
    }

    private static OpcUaServerOptions.Builder noneOnly(Path pki, int port) {
        return OpcUaServerOptions.builder(pki).port(port).securityPolicies(Set.of(SecurityPolicy.None));
    }

    private void addRoute(String routeId, String instrumentId, String securityPolicies) {
        TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(context, "opcua-node").routeId(routeId)
                .parameter("instrumentId", instrumentId).parameter("endpoint", server.endpointUrl())
                .parameter("node", NODE).parameter("quantity", "stage.temperature").parameter("unit", "K")
                .parameter("samplingInterval", "100");
        if (securityPolicies != null) {
            route.parameter("securityPolicies", securityPolicies);
        }
        // starting the route must not wait on the server, whatever it offers
        assertTimeoutPreemptively(Duration.ofSeconds(30), route::add);
    }

    /** What an operator does: the server's certificate into the hub's trust list, the hub's into the server's. */
    private void trustEachOther() throws java.io.IOException {
        Path hubDir = Path.of(properties.getProperty("labhub.data-dir"), "opcua");
        Files.createDirectories(hubDir.resolve("pki/trusted/certs"));
        Files.copy(server.certificateFile(), hubDir.resolve("pki/trusted/certs/simulator.der"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(server.trustedCertificatesDir());
        Files.copy(hubDir.resolve("labhub-client.der"), server.trustedCertificatesDir().resolve("labhub-client.der"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private HealthCheck.Result consumerHealth(String routeId) {
        // "full": every check's result, not only the DOWN ones
        return HealthCheckHelper.invoke(context, check -> Map.of(), check -> false, "full").stream()
                .filter(r -> r.getCheck().getId().equals("consumer:" + routeId)).findFirst().orElseThrow();
    }

    private long rows(String instrumentId) {
        return db.count("SELECT count(*) FROM measurements WHERE instrument_id = ?", instrumentId);
    }

    @Test
    void should_refuse_a_none_only_server_without_holding_up_the_hub_and_connect_once_it_offers_security()
            throws Exception {
        Path pki = servers.newDataDirectory().resolve("pki");
        int port = AvailablePortFinder.getNextAvailable();
        server = startServer(noneOnly(pki, port).build());
        assertThat(DiscoveryClient.getEndpoints(server.endpointUrl()).get())
                .extracting(EndpointDescription::getSecurityPolicyUri).containsOnly(SecurityPolicy.None.getUri());

        addRoute("ts-refused", "TS-refused", null);

        // refused, with the reason where an operator looks: the consumer's health (and the log)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HealthCheck.Result health = consumerHealth("ts-refused");
            assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(health.getMessage()).hasValue("OPC UA server " + server.endpointUrl()
                    + " offers security policies [None], none of the allowed [Basic256Sha256, Aes128_Sha256_RsaOaep,"
                    + " Aes256_Sha256_RsaPss]; set securityPolicies=None on the instrument to allow an unsecured"
                    + " connection");
        });
        // the hub runs on: every route started, nothing stored from the refused server
        assertThat(context.getRoutes()).extracting(Route::getId).contains("ts-refused", "mqtt-ingest");
        assertThat(context.getRoutes()).allSatisfy(r -> assertThat(context.getRouteController()
                .getRouteStatus(r.getId()).isStarted()).as(r.getId()).isTrue());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> rows("TS-refused") == 0);

        // the instrument PC is set up with security (and the two sides trust each other): the hub connects by itself
        trustEachOther();
        server.close();
        server = startServer(OpcUaServerOptions.builder(pki).port(port).build());

        await().atMost(Duration.ofSeconds(60)).until(() -> rows("TS-refused") >= 1);
        assertThat(consumerHealth("ts-refused").getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void should_store_values_from_a_none_only_server_when_the_instrument_allows_none() {
        server = startServer(noneOnly(servers.newDataDirectory().resolve("pki"),
                AvailablePortFinder.getNextAvailable()).build());

        addRoute("ts-unsecured", "TS-unsecured", "None");

        await().atMost(Duration.ofSeconds(60)).until(() -> rows("TS-unsecured") >= 1);
        assertThat(consumerHealth("ts-unsecured").getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(db.rows("SELECT quantity, unit, source FROM measurements WHERE instrument_id = 'TS-unsecured' "
                + "LIMIT 1").get(0)).containsExactly("stage.temperature", "K", "opcua:" + server.endpointUrl() + "#"
                + NODE);
    }

    @Test
    void should_store_values_from_a_server_that_offers_only_aes256_sha256_rsapss_with_the_default_policies()
            throws Exception {
        // the hub registered BouncyCastle's provider when it made its OPC UA client, before any simulator ran here
        assertThat(Security.getProvider(BouncyCastleProvider.PROVIDER_NAME)).isNotNull();
        server = startServer(OpcUaServerOptions.builder(servers.newDataDirectory().resolve("pki"))
                .port(AvailablePortFinder.getNextAvailable())
                .securityPolicies(Set.of(SecurityPolicy.Aes256_Sha256_RsaPss))
                .securityModes(Set.of(MessageSecurityMode.SignAndEncrypt)).build());
        assertThat(DiscoveryClient.getEndpoints(server.endpointUrl()).get())
                .extracting(EndpointDescription::getSecurityPolicyUri, EndpointDescription::getSecurityMode)
                .containsExactly(tuple(SecurityPolicy.Aes256_Sha256_RsaPss.getUri(),
                        MessageSecurityMode.SignAndEncrypt));
        trustEachOther();

        // no securityPolicies on the route: the hub's default list, of which the server offers only the last
        addRoute("ts-pss", "TS-pss", null);

        await().atMost(Duration.ofSeconds(60)).until(() -> rows("TS-pss") >= 1);
        assertThat(consumerHealth("ts-pss").getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(db.rows("SELECT quantity, unit, source FROM measurements WHERE instrument_id = 'TS-pss' LIMIT 1")
                .get(0)).containsExactly("stage.temperature", "K", "opcua:" + server.endpointUrl() + "#" + NODE);
    }
}
