package org.nanoos.labhub.connectors.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an SSH instrument configuration accepts, and what it refuses at start-up. */
class SshInstrumentConfigTest {

    private static final Path KEY = Path.of("/etc/labhub/ssh/id_ed25519");
    private static final Path KNOWN_HOSTS = Path.of("/etc/labhub/ssh/known_hosts");

    private static SshInstrumentConfig config(String host, String user, String dir) {
        return new SshInstrumentConfig(host, 22, user, KEY, null, KNOWN_HOSTS, dir, Duration.ofMinutes(5),
                List.of("*.xy", "*.csv"));
    }

    @Test
    void should_accept_host_names_and_ip_literals() {
        for (String host : List.of("xrd-1", "xrd-1.lab.example.org", "XRD1.example.org.", "10.0.0.7", "192.168.1.255",
                "::1", "fe80::1", "2001:db8::5", "::ffff:10.0.0.7")) {
            assertThat(config(host, "lab", "/data").host()).isEqualTo(host);
        }
    }

    @Test
    void should_refuse_hosts_that_are_neither_names_nor_ip_literals() {
        for (String host : List.of("", "host;rm -rf /", "-oProxyCommand=id", "999.1.1.1", "256.0.0.1", "10.0.0",
                "exa mple", "a..b", "-xrd", "xrd-", "host_name", "[::1]", "::g", "fe80::1%eth0", "xrd$(id)",
                "lab\nhost", "a".repeat(64) + ".org")) {
            assertThatThrownBy(() -> config(host, "lab", "/data")).as(host)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        }
        assertThatThrownBy(() -> config(null, "lab", "/data")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_accept_only_portable_user_names() {
        for (String user : List.of("lab", "_svc", "xrd.user-1", "a".repeat(32))) {
            assertThat(config("xrd-1", user, "/data").user()).isEqualTo(user);
        }
        for (String user : List.of("", "Lab", "1lab", "lab user", "lab;id", "-lab", "a".repeat(33), "läb")) {
            assertThatThrownBy(() -> config("xrd-1", user, "/data")).as(user)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user");
        }
    }

    @Test
    void should_accept_absolute_posix_and_windows_result_directories() {
        assertThat(config("xrd-1", "lab", "/").sftpDirectory()).isEqualTo("/");
        assertThat(config("xrd-1", "lab", "/data/xrd/").sftpDirectory()).isEqualTo("/data/xrd");
        assertThat(config("xrd-1", "lab", "/home/lab/My Results (2026)").sftpDirectory())
                .isEqualTo("/home/lab/My Results (2026)");
        SshInstrumentConfig windows = config("xrd-1", "lab", "C:\\Data\\XRD");
        assertThat(windows.windowsDirectory()).isTrue();
        assertThat(windows.sftpDirectory()).isEqualTo("/C:/Data/XRD");
        assertThat(config("xrd-1", "lab", "D:/Export/Scan-1_2.b").sftpDirectory()).isEqualTo("/D:/Export/Scan-1_2.b");
        assertThat(config("xrd-1", "lab", "d:\\").sftpDirectory()).isEqualTo("/d:/");
    }

    @Test
    void should_refuse_relative_traversing_or_shell_laden_directories() {
        for (String dir : List.of("", "data/xrd", "~/results", "/data/../etc", "/data/./x", "/data//x",
                "C:\\Data\\..\\Windows", "C:Data", "\\\\server\\share", "/data;rm -rf /", "/data/$(id)",
                "/data/`id`", "C:\\Data\\$(id)", "/data/x\n", "/data/ x", "/data/x ", "/data/a*b", "/data/'q'",
                "/" + "a/".repeat(600))) {
            assertThatThrownBy(() -> config("xrd-1", "lab", dir)).as(dir)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remoteDirectory");
        }
    }

    @Test
    void should_check_port_timeout_passphrase_variable_and_patterns() {
        assertThatThrownBy(() -> new SshInstrumentConfig("xrd-1", 0, "lab", KEY, null, KNOWN_HOSTS, "/d",
                Duration.ofSeconds(1), List.of("*.xy"))).hasMessageContaining("port");
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(2))) {
            assertThatThrownBy(() -> new SshInstrumentConfig("xrd-1", 22, "lab", KEY, null, KNOWN_HOSTS, "/d", bad,
                    List.of("*.xy"))).hasMessageContaining("commandTimeout");
        }
        assertThat(new SshInstrumentConfig("xrd-1", 22, "lab", KEY, " ", KNOWN_HOSTS, "/d", Duration.ofSeconds(1),
                List.of("*.xy")).passphraseEnv()).isNull();
        assertThatThrownBy(() -> new SshInstrumentConfig("xrd-1", 22, "lab", KEY, "hunter2!", KNOWN_HOSTS, "/d",
                Duration.ofSeconds(1), List.of("*.xy")))
                .hasMessageContaining("NAME of an environment variable").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> new SshInstrumentConfig("xrd-1", 22, "lab", KEY, null, null, "/d",
                Duration.ofSeconds(1), List.of("*.xy"))).hasMessageContaining("known-hosts file is required");
        assertThatThrownBy(() -> new SshInstrumentConfig("xrd-1", 22, "lab", KEY, null, KNOWN_HOSTS, "/d",
                Duration.ofSeconds(1), List.of())).hasMessageContaining("filePatterns");
        assertThatThrownBy(() -> new SshInstrumentConfig("xrd-1", 22, "lab", KEY, null, KNOWN_HOSTS, "/d",
                Duration.ofSeconds(1), List.of("../*.xy"))).hasMessageContaining("file pattern");
    }

    @Test
    void should_name_the_address_with_brackets_for_ipv6() {
        assertThat(config("xrd-1", "lab", "/d").address()).isEqualTo("xrd-1:22");
        assertThat(config("fe80::1", "lab", "/d").address()).isEqualTo("[fe80::1]:22");
    }
}
