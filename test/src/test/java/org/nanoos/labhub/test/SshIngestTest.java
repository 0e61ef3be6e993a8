package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An instrument PC that writes result files, reached over SFTP by a real Apache MINA SSHD server: its new files
 * become series measurements once each, a file that cannot be parsed a dead letter; a PC whose host key is not the
 * one in the known-hosts file gives nothing at all.
 */
class SshIngestTest extends HubTestSupport {

    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "ssh-test", dbUrl);
    private static final Db db = new Db(dbUrl);
    private static SshServer pc;

    @Override
    protected Properties hubProperties() {
        return properties;
    }

    @AfterAll
    static void stopPc() throws Exception {
        if (pc != null) {
            pc.stop(true);
        }
    }

    @Test
    void should_pull_new_result_files_once_each_and_refuse_an_unknown_host_key() throws Exception {
        Path dir = servers.newDataDirectory();
        Path results = Files.createDirectories(dir.resolve("pc/data"));
        KeyPair hostKey = rsa();
        KeyPair otherHostKey = rsa();
        KeyPair hubKey = rsa();
        pc = SshServer.setUpDefaultServer();
        pc.setHost("127.0.0.1");
        pc.setPort(AvailablePortFinder.getNextAvailable());
        pc.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        pc.setPasswordAuthenticator(null);
        pc.setPublickeyAuthenticator((user, key, session) -> "lab".equals(user) && KeyUtils.compareKeys(hubKey.getPublic(), key));
        pc.setFileSystemFactory(new VirtualFileSystemFactory(dir.resolve("pc")));
        pc.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        pc.start();

        Path privateKey = dir.resolve("id_rsa");
        try (OutputStream out = Files.newOutputStream(privateKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(hubKey, "labhub", null, out);
        }
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + pc.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        Path wrongHosts = dir.resolve("known_hosts_wrong");
        Files.writeString(wrongHosts, "[127.0.0.1]:" + pc.getPort() + " " + PublicKeyEntry.toString(otherHostKey.getPublic()) + "\n");

        Files.writeString(results.resolve("scan-001.xy"), "# 2theta counts\n20.00 110\n20.02 135\n20.04 121\n");
        Files.writeString(results.resolve("scan-002.csv"), "2theta;counts\n30.00;90\n30.02;95\n");
        Files.writeString(results.resolve("broken.xy"), "20.00 110\n20.02 oops\n");
        Files.writeString(results.resolve("notes.txt"), "not a result\n");

        route("pc-1", "PC-1", privateKey, knownHosts);
        route("pc-impostor", "PC-2", privateKey, wrongHosts);

        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM measurements WHERE instrument_id = 'PC-1'") == 2
                && db.count("SELECT count(*) FROM dead_letters") == 1);
        assertThat(db.rows("SELECT series->'x'->>'unit', (series->'x'->'values'->>0)::float8, series->'y'->'values'->>1 "
                + "FROM measurements WHERE source LIKE '%scan-001.xy'").get(0))
                .containsExactly("rad", Math.toRadians(20.0), "135.0");
        assertThat((String) db.rows("SELECT reason FROM dead_letters").get(0)[0]).contains("broken.xy", "row");

        // a new file is taken at the next poll; the old ones are not stored again
        Files.writeString(results.resolve("scan-003.xy"), "40.00 10\n40.02 12\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM measurements WHERE instrument_id = 'PC-1'") == 3);
        assertThat(db.count("SELECT count(*) FROM measurements WHERE instrument_id = 'PC-2'")).isZero();
        assertThat(db.count("SELECT count(*) FROM dead_letters")).isEqualTo(1);
        assertThat(db.rows("SELECT adapter_type FROM instruments WHERE id = 'PC-1'").get(0)[0]).isEqualTo("SSH");
    }

    private static KeyPair rsa() throws java.security.GeneralSecurityException {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private void route(String routeId, String instrument, Path key, Path knownHosts) throws Exception {
        TemplatedRouteBuilder.builder(context, "ssh-results").routeId(routeId)
                .parameter("instrumentId", instrument).parameter("host", "127.0.0.1")
                .parameter("port", Integer.toString(pc.getPort())).parameter("user", "lab")
                .parameter("privateKey", key.toString()).parameter("knownHosts", knownHosts.toString())
                .parameter("remoteDirectory", "/data").parameter("quantity", "xrd.pattern")
                .parameter("xUnit", "deg").parameter("yUnit", "{counts}").parameter("period", "500").add();
    }
}
