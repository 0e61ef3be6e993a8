package org.nanoos.labhub.connectors.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH adapter against a real in-process Apache MINA SSHD server: host-key checks, key login, commands through a
 * real {@code /bin/sh}, and result files over SFTP.
 */
class SshInstrumentClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Instant SCAN_TIME = Instant.parse("2026-11-21T09:30:00Z");

    @TempDir
    Path tmp;

    private Path root;
    private Path results;
    private KeyPair hostKey;
    private KeyPair clientKey;
    private Path clientKeyFile;
    private TestSshServer server;
    private Path knownHosts;

    @BeforeEach
    void start_instrument_pc() throws Exception {
        root = Files.createDirectories(tmp.resolve("pc"));
        results = Files.createDirectories(root.resolve("results"));
        hostKey = KeyUtils.generateKeyPair(KeyPairType.ED25519, 256);
        clientKey = KeyUtils.generateKeyPair(KeyPairType.ED25519, 256);
        clientKeyFile = writeOpenSshKey(tmp.resolve("id_ed25519"), clientKey, null);
        server = new TestSshServer(root, List.of(hostKey), clientKey.getPublic());
        knownHosts = TestSshServer.knownHosts(tmp.resolve("known_hosts"), server.knownHostsLine(hostKey.getPublic()));
        installMeasureScript();
    }

    @AfterEach
    void stop_instrument_pc() throws IOException {
        server.close();
    }

    private SshInstrumentConfig config(Path key, String passphraseEnv, Path hosts) {
        return new SshInstrumentConfig("127.0.0.1", server.port(), TestSshServer.USER, key, passphraseEnv, hosts,
                "/results", TIMEOUT, List.of("*.xy", "*.csv"));
    }

    private SshInstrumentClient client() {
        return new SshInstrumentClient(config(clientKeyFile, null, knownHosts));
    }

    // ---- commands

    @Test
    void should_run_a_command_and_return_its_exit_code_stdout_and_stderr() throws Exception {
        try (SshInstrumentClient pc = client()) {
            SshCommandResult r = pc.run(List.of("sh", "-c", "echo ready; echo 'lamp warming up' >&2; exit 3"), TIMEOUT);
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.succeeded()).isFalse();
            assertThat(r.stdout()).isEqualTo("ready\n");
            assertThat(r.stderr()).isEqualTo("lamp warming up\n");
            assertThat(r.truncated()).isFalse();
        }
    }

    @Test
    void should_deliver_hostile_arguments_to_the_program_literally() throws Exception {
        List<String> hostile = List.of("; rm -rf /", "; touch pwned", "$(touch pwned)", "`touch pwned`",
                "' ; touch pwned ; '", "\" ; touch pwned ; \"", "| touch pwned", "&& touch pwned", "> pwned", "*",
                "~", "$HOME", "${PATH}", "\\", "a'b'c", "'", "''", "", "-n", "--help", "%s %d", "Si wafer µ 3°",
                "#comment", "!!");
        try (SshInstrumentClient pc = client()) {
            for (String arg : hostile) {
                SshCommandResult r = pc.run(List.of("printf", "%s", arg), TIMEOUT);
                assertThat(r.exitCode()).as("exit code for %s", arg).isZero();
                assertThat(r.stdout()).as("echo of %s", arg).isEqualTo(arg);
            }
            SshCommandResult several = pc.run(List.of("printf", "[%s]", "$(id)", "; id", "a b"), TIMEOUT);
            assertThat(several.stdout()).isEqualTo("[$(id)][; id][a b]");
        }
        assertThat(root.resolve("pwned")).doesNotExist();
    }

    @Test
    void should_reject_control_characters_and_odd_programs_before_sending_anything() {
        try (SshInstrumentClient pc = client()) {
            for (String arg : List.of("id\nid", "a\rb", "a\tb", "nul\u0000", "\u001b[31mred", "bidi\u202Eflip", "del\u007f")) {
                assertThatThrownBy(() -> pc.run(List.of("printf", "%s", arg), TIMEOUT))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("argument 2");
            }
            for (String program : List.of("sh;id", "-oProxyCommand=id", "$(id)", "my prog", "")) {
                assertThatThrownBy(() -> pc.run(List.of(program), TIMEOUT))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("program");
            }
            assertThatThrownBy(() -> pc.run(List.of(), TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(server.commandsReceived()).isZero();
    }

    @Test
    void should_cut_output_at_the_limit() throws Exception {
        try (SshInstrumentClient pc = new SshInstrumentClient(config(clientKeyFile, null, knownHosts), name -> null,
                SshInstrumentClient.DEFAULT_MAX_FILE_BYTES, 1024)) {
            SshCommandResult r = pc.run(List.of("sh", "-c", "yes labhub | head -c 100000; echo done >&2"), TIMEOUT);
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).hasSize(1024).startsWith("labhub\nlabhub\n");
            assertThat(r.stderr()).isEqualTo("done\n");
            assertThat(r.truncated()).isTrue();
        }
    }

    @Test
    void should_enforce_the_command_timeout_and_keep_the_session_usable() throws Exception {
        try (SshInstrumentClient pc = client()) {
            pc.connect();
            long started = System.nanoTime();
            assertThatThrownBy(() -> pc.run(List.of("sleep", "30"), Duration.ofMillis(500)))
                    .isInstanceOf(SshCommandTimeoutException.class)
                    .hasMessageContaining("'sleep'")
                    .hasMessageContaining("PT0.5S");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(pc.run(List.of("echo", "still here"), TIMEOUT).stdout()).isEqualTo("still here\n");
            Process sleeper = server.processes().get(0);
            assertThat(sleeper.onExit().get(10, TimeUnit.SECONDS).isAlive())
                    .as("the server ended the timed-out command").isFalse();
        }
    }

    // ---- result files

    @Test
    void should_measure_then_list_download_and_parse_the_result_as_series_json() throws Exception {
        try (SshInstrumentClient pc = client()) {
            SshCommandResult r = pc.run(List.of("measure", "--sample", "Si powder; $(id)", "--out", "scan-007.xy"));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).isEqualTo("wrote results/scan-007.xy\n");

            List<RemoteResultFile> listed = pc.listResults("*.xy");
            assertThat(listed).extracting(RemoteResultFile::name).containsExactly("scan-007.xy");
            DownloadedResult file = pc.download("scan-007.xy");
            assertThat(file.modified()).isEqualTo(listed.get(0).modified());
            assertThat(file.content()).hasSize((int) listed.get(0).size());

            XySeries scan = XyFileParser.parse(file.name(), file.content());
            assertThat(scan.header()).containsExactly("# sample: Si powder; $(id)", "2Theta Intensity");
            assertThat(scan.x()).containsExactly(28.30, 28.35, 28.40, 28.45, 28.50);
            assertThat(scan.y()).containsExactly(120, 410, 2950, 3100, 480);

            JsonNode json = new ObjectMapper().readTree(
                    XyFileParser.seriesJson(scan, file.contentId(), file.modified(), "deg", "{counts}"));
            assertThat(json.get("id").asText()).hasSize(64).isEqualTo(file.contentId());
            assertThat(Instant.parse(json.get("time").asText())).isEqualTo(file.modified());
            assertThat(json.at("/x/unit").asText()).isEqualTo("deg");
            assertThat(json.at("/y/values/3").asDouble()).isEqualTo(3100.0);
        }
    }

    @Test
    void should_list_only_regular_files_matching_the_pattern_with_their_modification_times() throws Exception {
        Path scan1 = write("scan-001.xy", "10 1\n20 2\n", SCAN_TIME);
        write("SCAN-002.XY", "10 3\n20 4\n", SCAN_TIME.plusSeconds(60));
        write("cycle-12.csv", "time_s;current_mA\n0;1.5\n60;1.4\n", SCAN_TIME.plusSeconds(30));
        write("notes.txt", "not a result\n", SCAN_TIME);
        write(".scan-003.xy.partial", "10 5\n", SCAN_TIME);
        write(".hidden.xy", "10 5\n20 6\n", SCAN_TIME);
        write("-rf.xy", "10 5\n20 6\n", SCAN_TIME);
        Files.createDirectories(results.resolve("old.xy"));
        Files.createSymbolicLink(results.resolve("link.xy"), scan1);
        Files.writeString(root.resolve("secret.xy"), "1 2\n3 4\n");
        Files.createSymbolicLink(results.resolve("escape.xy"), Path.of("../secret.xy"));

        try (SshInstrumentClient pc = client()) {
            assertThat(pc.listResults("*.xy")).containsExactly(
                    new RemoteResultFile("scan-001.xy", 10, SCAN_TIME),
                    new RemoteResultFile("SCAN-002.XY", 10, SCAN_TIME.plusSeconds(60)));
            assertThat(pc.listResults()).extracting(RemoteResultFile::name)
                    .containsExactly("scan-001.xy", "cycle-12.csv", "SCAN-002.XY");
            assertThat(pc.listResults("cycle-??.csv")).extracting(RemoteResultFile::name)
                    .containsExactly("cycle-12.csv");

            DownloadedResult csv = pc.download("cycle-12.csv");
            assertThat(csv.modified()).isEqualTo(SCAN_TIME.plusSeconds(30));
            XySeries cycle = XyFileParser.parse(csv.name(), csv.content());
            assertThat(cycle.x()).containsExactly(0, 60);
            assertThat(cycle.y()).containsExactly(1.5, 1.4);
            assertThat(cycle.header()).containsExactly("time_s;current_mA");
        }
    }

    @Test
    void should_refuse_symbolic_links_directories_and_names_that_are_paths() throws Exception {
        Path scan1 = write("scan-001.xy", "10 1\n20 2\n", SCAN_TIME);
        Files.createDirectories(results.resolve("old.xy"));
        Files.createSymbolicLink(results.resolve("link.xy"), scan1);
        Files.writeString(root.resolve("secret.xy"), "1 2\n3 4\n");

        try (SshInstrumentClient pc = client()) {
            assertThatThrownBy(() -> pc.download("link.xy")).isInstanceOf(RemoteFileRefusedException.class)
                    .hasMessageContaining("symbolic link");
            assertThatThrownBy(() -> pc.download("old.xy")).isInstanceOf(RemoteFileRefusedException.class)
                    .hasMessageContaining("directory");
            for (String name : List.of("../secret.xy", "..", ".", "sub/scan.xy", "/etc/passwd", "..\\secret.xy",
                    "-rf", "scan\n.xy", "C:secret.xy", "scan..xy", " scan-001.xy", "")) {
                assertThatThrownBy(() -> pc.download(name)).as(name).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("refused remote file name");
            }
            for (String glob : List.of("../*.xy", "*/x.xy", "[ab].xy", "-*.xy", "*.xy\n")) {
                assertThatThrownBy(() -> pc.listResults(glob)).as(glob).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(pc.download("scan-001.xy").content()).asString(StandardCharsets.UTF_8).isEqualTo("10 1\n20 2\n");
        }
    }

    @Test
    void should_skip_and_refuse_files_over_the_size_limit() throws Exception {
        write("small.xy", "1 2\n3 4\n", SCAN_TIME);
        write("huge.xy", "1 2\n".repeat(100), SCAN_TIME);
        try (SshInstrumentClient pc = new SshInstrumentClient(config(clientKeyFile, null, knownHosts), name -> null,
                100, SshInstrumentClient.DEFAULT_MAX_OUTPUT_BYTES)) {
            assertThat(pc.listResults("*.xy")).extracting(RemoteResultFile::name).containsExactly("small.xy");
            assertThatThrownBy(() -> pc.download("huge.xy")).isInstanceOf(RemoteFileRefusedException.class)
                    .hasMessageContaining("400 bytes, more than the limit of 100");
        }
    }

    @Test
    void should_open_a_new_session_after_the_pc_dropped_it() throws Exception {
        write("scan-001.xy", "10 1\n20 2\n", SCAN_TIME);
        // a short timeout bounds the wait for a channel on a session that is dropping but not yet seen to be gone
        SshInstrumentConfig cfg = new SshInstrumentConfig("127.0.0.1", server.port(), TestSshServer.USER,
                clientKeyFile, null, knownHosts, "/results", Duration.ofSeconds(3), List.of("*.xy"));
        try (SshInstrumentClient pc = new SshInstrumentClient(cfg)) {
            assertThat(pc.listResults()).hasSize(1);
            server.dropSessions();
            assertThat(pc.listResults()).hasSize(1);
            server.dropSessions();
            assertThat(pc.run(List.of("echo", "back")).stdout()).isEqualTo("back\n");
            assertThat(server.commandsReceived()).isEqualTo(1);
        }
    }

    // ---- host keys

    @Test
    void should_refuse_a_host_key_that_is_not_in_the_known_hosts_file() throws Exception {
        KeyPair other = KeyUtils.generateKeyPair(KeyPairType.ED25519, 256);
        TestSshServer.knownHosts(knownHosts, "labpc-7.example.org " + publicLine(other),
                "[127.0.0.1]:" + (server.port() == 65535 ? 1 : server.port() + 1) + " " + publicLine(other));
        String before = Files.readString(knownHosts);
        try (SshInstrumentClient pc = client()) {
            assertThatThrownBy(pc::connect).isInstanceOf(SshConnectException.class)
                    .hasMessageStartingWith("host key of 127.0.0.1:" + server.port() + " is not in known-hosts file "
                            + knownHosts)
                    .hasMessageContaining(KeyUtils.getFingerPrint(hostKey.getPublic()));
            assertThatThrownBy(() -> pc.run(List.of("echo", "hi"))).isInstanceOf(SshConnectException.class);
        }
        assertThat(Files.readString(knownHosts)).as("nothing is added to the file").isEqualTo(before);
        assertThat(server.commandsReceived()).isZero();
    }

    @Test
    void should_refuse_a_changed_host_key() throws Exception {
        KeyPair impostor = KeyUtils.generateKeyPair(KeyPairType.ED25519, 256);
        TestSshServer.knownHosts(knownHosts, server.knownHostsLine(impostor.getPublic()));
        String before = Files.readString(knownHosts);
        try (SshInstrumentClient pc = client()) {
            assertThatThrownBy(pc::connect).isInstanceOf(SshConnectException.class)
                    .hasMessageStartingWith("host key of 127.0.0.1:" + server.port() + " does not match known-hosts"
                            + " file " + knownHosts)
                    .hasMessageContaining("the file has ssh-ed25519 " + KeyUtils.getFingerPrint(impostor.getPublic()))
                    .hasMessageContaining("the server offered ssh-ed25519 "
                            + KeyUtils.getFingerPrint(hostKey.getPublic()));
        }
        assertThat(Files.readString(knownHosts)).isEqualTo(before);
    }

    @Test
    void should_refuse_to_connect_without_a_known_hosts_file() {
        try (SshInstrumentClient pc = new SshInstrumentClient(config(clientKeyFile, null, tmp.resolve("missing")))) {
            assertThatThrownBy(pc::connect).isInstanceOf(SshConnectException.class)
                    .hasMessageContaining("known-hosts file " + tmp.resolve("missing") + " does not exist");
        }
    }

    @Test
    void should_ask_for_the_key_type_the_known_hosts_file_holds() throws Exception {
        // the server also has an ECDSA key, which SSHD's client would otherwise prefer over ed25519
        server.close();
        KeyPair ecdsa = KeyUtils.generateKeyPair(KeyPairType.ECDSA_P256, 256);
        server = new TestSshServer(root, List.of(ecdsa, hostKey), clientKey.getPublic());
        TestSshServer.knownHosts(knownHosts, server.knownHostsLine(hostKey.getPublic()));
        try (SshInstrumentClient pc = client()) {
            assertThat(pc.run(List.of("echo", "ok")).stdout()).isEqualTo("ok\n");
        }
        TestSshServer.knownHosts(knownHosts, server.knownHostsLine(ecdsa.getPublic()));
        try (SshInstrumentClient pc = client()) {
            assertThat(pc.run(List.of("echo", "ok")).stdout()).isEqualTo("ok\n");
        }
    }

    // ---- login

    @Test
    void should_log_in_with_an_encrypted_key_whose_passphrase_is_in_the_named_variable() throws Exception {
        String passphrase = "correct horse battery staple";
        Path encrypted = writeOpenSshKey(tmp.resolve("id_encrypted"), clientKey, passphrase);
        Function<String, String> env = Map.of("LABHUB_XRD1_KEY_PASSPHRASE", passphrase)::get;
        SshInstrumentConfig cfg = config(encrypted, "LABHUB_XRD1_KEY_PASSPHRASE", knownHosts);
        try (SshInstrumentClient pc = new SshInstrumentClient(cfg, env, 1024, 1024)) {
            assertThat(pc.run(List.of("echo", "ok")).stdout()).isEqualTo("ok\n");
        }
        try (SshInstrumentClient pc = new SshInstrumentClient(cfg, name -> null, 1024, 1024)) {
            assertThatThrownBy(pc::connect).isInstanceOf(SshConnectException.class)
                    .hasMessageContaining("environment variable LABHUB_XRD1_KEY_PASSPHRASE");
        }
        try (SshInstrumentClient pc = new SshInstrumentClient(cfg, name -> "wrong horse", 1024, 1024)) {
            assertThatThrownBy(pc::connect).isInstanceOf(SshConnectException.class)
                    .hasMessageContaining("cannot read private key " + encrypted)
                    .hasMessageNotContaining("wrong horse");
        }
        try (SshInstrumentClient pc = new SshInstrumentClient(config(encrypted, null, knownHosts), name -> null, 1024,
                1024)) {
            assertThatThrownBy(pc::connect).isInstanceOf(SshConnectException.class)
                    .hasMessageContaining("name its variable in passphraseEnv");
        }
    }

    @Test
    void should_log_in_with_a_pem_rsa_key() throws Exception {
        KeyPair rsa = KeyUtils.generateKeyPair(KeyPairType.RSA, 3072);
        Path pem = tmp.resolve("id_rsa.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(rsa.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-------"));
        server.close();
        server = new TestSshServer(root, List.of(hostKey), rsa.getPublic());
        TestSshServer.knownHosts(knownHosts, server.knownHostsLine(hostKey.getPublic()));
        try (SshInstrumentClient pc = new SshInstrumentClient(config(pem, null, knownHosts))) {
            assertThat(pc.run(List.of("echo", "ok")).stdout()).isEqualTo("ok\n");
        }
    }

    @Test
    void should_fail_login_with_a_key_the_account_does_not_authorize() throws Exception {
        Path stranger = writeOpenSshKey(tmp.resolve("id_stranger"),
                KeyUtils.generateKeyPair(KeyPairType.ED25519, 256), null);
        try (SshInstrumentClient pc = new SshInstrumentClient(config(stranger, null, knownHosts))) {
            assertThatThrownBy(pc::connect).isInstanceOf(SshConnectException.class)
                    .hasMessageStartingWith("login as lab at 127.0.0.1:" + server.port() + " with key " + stranger
                            + " failed")
                    .hasMessageContaining("authorized_keys");
        }
    }

    // ---- helpers

    /** Key types by their OpenSSH names. */
    private static final class KeyPairType {
        static final String ED25519 = "ssh-ed25519";
        static final String ECDSA_P256 = "ecdsa-sha2-nistp256";
        static final String RSA = "ssh-rsa";
    }

    private static Path writeOpenSshKey(Path file, KeyPair key, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
            encryption.setCipherMode("CTR");
            encryption.setPassword(passphrase);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "labhub@test", encryption, out);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String publicLine(KeyPair key) {
        return PublicKeyEntry.toString(key.getPublic());
    }

    private Path write(String name, String content, Instant modified) throws IOException {
        Path file = Files.writeString(results.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    /** The instrument's "measure" program: writes a simulated θ–2θ scan around Si (111) into results/. */
    private void installMeasureScript() throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path measure = Files.writeString(bin.resolve("measure"), """
                #!/bin/sh
                # measure --sample NAME --out FILE
                set -eu
                sample=""
                out=""
                while [ $# -gt 0 ]; do
                  case "$1" in
                    --sample) sample=$2; shift 2 ;;
                    --out) out=$2; shift 2 ;;
                    *) echo "unknown option: $1" >&2; exit 2 ;;
                  esac
                done
                case "$out" in ''|*/*|-*) echo "bad output name" >&2; exit 2 ;; esac
                {
                  printf '# sample: %s\\n' "$sample"
                  printf '2Theta Intensity\\n'
                  printf '28.30 120\\n28.35 410\\n28.40 2950\\n28.45 3100\\n28.50 480\\n'
                } > "results/$out"
                echo "wrote results/$out"
                """);
        Files.setPosixFilePermissions(measure, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
