package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.simulator.xrd.XrdDiffractometer;
import org.nanoos.labhub.simulator.xrd.XrdScan;
import org.nanoos.labhub.simulator.xrd.XrdSettings;
import org.nanoos.labhub.verticals.crystallography.Crystal;

/**
 * Experiment runs on an instrument PC over SSH: a real Apache MINA SSHD server whose acquisition program
 * ({@code xrd-acquire}, the simulator's diffractometer physics behind it) writes a two-column pattern file; the hub
 * runs it with the run's parameters as quoted arguments, pulls the file by SFTP and links it to the run. A program
 * that exits non-zero fails the run with its standard error; cancel hangs up the running program.
 */
class SshExperimentTest extends HubTestSupport {

    private static final String TOKEN = "ssh-experiment-test-token-0123456789";
    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "ssh-experiment-test", dbUrl);
    private static final Db db = new Db(dbUrl);
    private static final AtomicInteger hungUp = new AtomicInteger();
    private static final List<List<String>> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static SshServer pc;
    private static Path results;
    private static Path privateKey;
    private static Path knownHosts;
    private static Path wrongHosts;

    static {
        properties.setProperty("labhub.api.token", TOKEN);
        properties.setProperty("labhub.experiments.poll-interval-ms", "200");
    }

    private final ApiClient api = new ApiClient(properties, TOKEN);

    @Override
    protected Properties hubProperties() {
        return properties;
    }

    @BeforeAll
    static void startPc() throws Exception {
        Path dir = servers.newDataDirectory();
        results = Files.createDirectories(dir.resolve("pc/data"));
        KeyPair hostKey = rsa();
        KeyPair hubKey = rsa();
        pc = SshServer.setUpDefaultServer();
        pc.setHost("127.0.0.1");
        pc.setPort(AvailablePortFinder.getNextAvailable());
        pc.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        pc.setPasswordAuthenticator(null);
        pc.setPublickeyAuthenticator((user, key, session) -> "lab".equals(user)
                && KeyUtils.compareKeys(hubKey.getPublic(), key));
        pc.setFileSystemFactory(new VirtualFileSystemFactory(dir.resolve("pc")));
        pc.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        pc.setCommandFactory((channel, command) -> new XrdAcquire(command));
        pc.start();
        privateKey = dir.resolve("id_rsa");
        try (OutputStream out = Files.newOutputStream(privateKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(hubKey, "labhub", null, out);
        }
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + pc.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic())
                + "\n");
        wrongHosts = dir.resolve("known_hosts_wrong");
        Files.writeString(wrongHosts, "[127.0.0.1]:" + pc.getPort() + " " + PublicKeyEntry.toString(rsa().getPublic())
                + "\n");
    }

    @AfterAll
    static void stopPc() throws Exception {
        if (pc != null) {
            pc.stop(true);
        }
    }

    private void register(String id, Path hosts) throws Exception {
        if (api.send("GET", "/instruments/" + id, null, false).statusCode() == 404) {
            api.json("POST", "/instruments", "{\"id\":\"" + id + "\",\"name\":\"XRD PC\",\"adapterType\":\"SSH\","
                    + "\"capabilities\":[\"characterization\"],\"connectionInfo\":{\"host\":\"127.0.0.1\",\"port\":"
                    + pc.getPort() + ",\"user\":\"lab\",\"privateKeyFile\":\"" + privateKey + "\",\"knownHosts\":\""
                    + hosts + "\",\"remoteDirectory\":\"/data\",\"patterns\":\"*.xy\",\"quantity\":\"xrd.pattern\","
                    + "\"xUnit\":\"deg\",\"yUnit\":\"{counts}\",\"commandTimeoutSeconds\":120,\"command\":"
                    + "[\"xrd-acquire\",\"--a\",\"{a}\",\"--seconds\",\"{seconds}\",\"--out\",\"scan-{runId}.xy\"]}}",
                    201);
        }
    }

    private String submit(String instrument, String parameters, String extra) throws Exception {
        register(instrument, "PC-WRONG-KEY".equals(instrument) ? wrongHosts : knownHosts);
        return api.json("POST", "/experiments", "{\"instrumentId\":\"" + instrument + "\",\"type\":\"characterization\","
                + "\"parameters\":" + parameters + extra + "}", 201).get("id").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        return api.awaitField("/experiments/" + id, "status", status, Duration.ofSeconds(60));
    }

    private static List<String> events(JsonNode run) {
        return ApiClient.column(run, "events", "status");
    }

    @Test
    void should_run_the_acquisition_program_and_link_its_pattern_file_to_the_run() throws Exception {
        String id = submit("PC-1", "{\"a\":5.431,\"seconds\":0}", "");
        JsonNode done = awaitStatus(id, "COMPLETED");
        assertThat(events(done)).containsExactly("PENDING", "RUNNING", "COMPLETED");
        assertThat(done.get("results").get("exitCode").asInt()).isZero();
        assertThat(done.get("results").get("resultFiles").asInt()).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM measurements WHERE experiment_run_id = ? AND quantity = 'xrd.pattern' "
                + "AND jsonb_array_length(series->'x'->'values') = 2001 AND source LIKE ?", UUID.fromString(id),
                "%scan-" + id + ".xy")).isEqualTo(1);
        // the arguments arrived as the template said, one each
        assertThat(received).anySatisfy(argv -> assertThat(argv).containsExactly("xrd-acquire", "--a", "5.431",
                "--seconds", "0", "--out", "scan-" + id + ".xy"));
    }

    @Test
    void should_fail_a_run_whose_program_exits_non_zero_with_its_standard_error() throws Exception {
        // a hostile value arrives as one literal argument: the program sees it and refuses it, nothing is executed
        String id = submit("PC-1", "{\"a\":\"5.4; touch /tmp/pwned $(id) `id`\",\"seconds\":0}", "");
        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.get("errorMessage").asText()).contains("exited with 2",
                "xrd-acquire: lattice constant '5.4; touch /tmp/pwned $(id) `id`' is not a number");
        assertThat(events(failed)).containsExactly("PENDING", "RUNNING", "FAILED");
        assertThat(Path.of("/tmp/pwned")).doesNotExist();
    }

    @Test
    void should_refuse_a_parameter_that_could_become_an_option() throws Exception {
        String id = submit("PC-1", "{\"a\":\"--delete-everything\",\"seconds\":0}", "");
        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.get("errorMessage").asText()).contains("refused", "must not be empty or begin with '-'");
        assertThat(events(failed)).containsExactly("PENDING", "FAILED");
    }

    @Test
    void should_cancel_a_running_acquisition_by_hanging_up() throws Exception {
        int before = hungUp.get();
        String id = submit("PC-1", "{\"a\":5.431,\"seconds\":120}", "");
        awaitStatus(id, "RUNNING");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(a -> a.contains("120")));
        JsonNode cancelled = api.json("POST", "/experiments/" + id + "/cancel", null, 200);
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        await().atMost(Duration.ofSeconds(10)).until(() -> hungUp.get() > before);
        assertThat(events(api.get("/experiments/" + id))).containsExactly("PENDING", "RUNNING", "CANCELLED");
    }

    @Test
    void should_fail_a_run_on_a_pc_whose_host_key_is_not_the_known_one() throws Exception {
        String id = submit("PC-WRONG-KEY", "{\"a\":5.431,\"seconds\":0}", ",\"silenceTimeoutSeconds\":2");
        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.get("errorMessage").asText()).contains("could not reach PC-WRONG-KEY").containsIgnoringCase(
                "host key");
        assertThat(events(failed)).containsExactly("PENDING", "FAILED");
    }

    private static KeyPair rsa() throws java.security.GeneralSecurityException {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    /**
     * The instrument PC's acquisition program: {@code xrd-acquire --a Å --seconds s --out name} scans silicon-type
     * diamond with lattice constant {@code a} (the simulator's diffractometer) for {@code s} seconds and writes the
     * pattern as two columns into the result directory.
     */
    private static final class XrdAcquire implements Command {
        private final String line;
        private OutputStream err;
        private ExitCallback exit;
        private Thread thread;

        XrdAcquire(String line) {
            this.line = line;
        }

        @Override
        public void setInputStream(java.io.InputStream in) {
        }

        @Override
        public void setOutputStream(OutputStream out) {
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            thread = new Thread(this::run, "xrd-acquire");
            thread.start();
        }

        private void run() {
            List<String> argv = unquote(line);
            received.add(argv);
            try {
                if (argv.size() != 7 || !"xrd-acquire".equals(argv.get(0))) {
                    fail("usage: xrd-acquire --a <Å> --seconds <s> --out <file>");
                    return;
                }
                double a;
                try {
                    a = Double.parseDouble(argv.get(2));
                } catch (NumberFormatException e) {
                    fail("xrd-acquire: lattice constant '" + argv.get(2) + "' is not a number");
                    return;
                }
                Thread.sleep(Long.parseLong(argv.get(4)) * 1000);
                XrdScan scan = new XrdDiffractometer(XrdSettings.labDiffractometer(Crystal.diamond("Si", a, 0.46))
                        .withScan(20, 60, 0.02).withSeed(3)).scan();
                StringBuilder text = new StringBuilder("# 2theta counts\n");
                for (int i = 0; i < scan.size(); i++) {
                    text.append(String.format(java.util.Locale.ROOT, "%.2f %d%n", scan.twoThetaDegAt(i), scan.countsAt(i)));
                }
                Path tmp = results.resolve(argv.get(6) + ".part");
                Files.writeString(tmp, text);
                Files.move(tmp, results.resolve(argv.get(6)));
                exit.onExit(0);
            } catch (InterruptedException e) {
                hungUp.incrementAndGet();
            } catch (IOException e) {
                fail("xrd-acquire: " + e.getMessage());
            }
        }

        private void fail(String message) {
            try {
                err.write((message + "\n").getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException ignored) {
                // the channel is gone
            }
            exit.onExit(2, message);
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (thread != null) {
                thread.interrupt();
            }
        }

        /** Splits a command line of single-quoted words, {@code '\''} standing for a quote. */
        private static List<String> unquote(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder w = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '\'') {
                        quoted = false;
                    } else {
                        w.append(c);
                    }
                } else if (c == '\'') {
                    quoted = true;
                    any = true;
                } else if (c == '\\' && i + 1 < line.length()) {
                    w.append(line.charAt(++i));
                } else if (c == ' ') {
                    if (any) {
                        words.add(w.toString());
                        w.setLength(0);
                        any = false;
                    }
                } else {
                    w.append(c);
                    any = true;
                }
            }
            if (any) {
                words.add(w.toString());
            }
            return words;
        }
    }
}
