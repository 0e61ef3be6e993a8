package org.nanoos.labhub.simulator.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.junit.jupiter.api.Test;

/** The command line of the standalone OPC UA server. */
class OpcUaServerMainTest {

    @Test
    void should_default_to_loopback_4840_pki_and_one_stage_with_basic256sha256_only() {
        OpcUaServerMain.Command command = OpcUaServerMain.parse(new String[0], Map.of());

        assertThat(command.options()).isEqualTo(OpcUaServerOptions.defaults(Path.of("pki")));
        assertThat(command.options().allowNone()).isFalse();
        assertThat(command.options().trustAllClients()).isFalse();
        assertThat(command.options().hasUser()).isFalse();
        assertThat(command.stageIds()).containsExactly("TS-1");
    }

    @Test
    void should_read_every_option_and_the_user_from_the_environment() {
        OpcUaServerMain.Command command = OpcUaServerMain.parse(new String[] {"--port", "4841", "--bind", "0.0.0.0",
                "--pki-dir", "/var/lib/labhub/pki", "--allow-none", "--trust-all-clients", "--stage", "TS-1",
                "--stage", "TS-2"}, Map.of("LABHUB_OPCUA_USERNAME", "operator", "LABHUB_OPCUA_PASSWORD", "s3cret",
                "LABHUB_OPCUA_KEYSTORE_PASSWORD", "store-secret"));

        OpcUaServerOptions options = command.options();
        assertThat(options.port()).isEqualTo(4841);
        assertThat(options.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(options.pkiDir()).isEqualTo(Path.of("/var/lib/labhub/pki"));
        assertThat(options.allowNone()).isTrue();
        assertThat(options.trustAllClients()).isTrue();
        assertThat(options.username()).isEqualTo("operator");
        assertThat(options.password()).isEqualTo("s3cret");
        assertThat(options.keyStorePassword()).isEqualTo("store-secret");
        assertThat(command.stageIds()).containsExactly("TS-1", "TS-2");
    }

    @Test
    void should_offer_only_none_with_none_only() {
        OpcUaServerOptions options = OpcUaServerMain.parse(new String[] {"--none-only"}, Map.of()).options();

        assertThat(options.securityPolicies()).containsExactly(SecurityPolicy.None);
    }

    @Test
    void should_ask_for_help_and_reject_unknown_or_incomplete_options() {
        assertThat(OpcUaServerMain.parse(new String[] {"--help"}, Map.of())).isNull();
        assertThatThrownBy(() -> OpcUaServerMain.parse(new String[] {"--broker", "x"}, Map.of()))
                .hasMessageContaining("unknown option --broker");
        assertThatThrownBy(() -> OpcUaServerMain.parse(new String[] {"--port"}, Map.of()))
                .hasMessageContaining("missing value after --port");
        assertThatThrownBy(() -> OpcUaServerMain.parse(new String[] {"--port", "opc"}, Map.of()))
                .hasMessageContaining("--port needs a number");
        assertThatThrownBy(() -> OpcUaServerMain.parse(new String[] {"--port", "0"}, Map.of()))
                .hasMessageContaining("Milo cannot bind port 0");
        assertThatThrownBy(() -> OpcUaServerMain.parse(new String[0], Map.of("LABHUB_OPCUA_USERNAME", "operator")))
                .hasMessageContaining("LABHUB_OPCUA_PASSWORD");
    }
}
