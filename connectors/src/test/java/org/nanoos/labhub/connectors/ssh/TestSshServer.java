package org.nanoos.labhub.connectors.ssh;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real Apache MINA SSHD server for the adapter's tests, on a free port of 127.0.0.1: the host keys it is given,
 * public-key login for user {@code lab} with the authorized keys it is given, SFTP rooted in a directory, and exec
 * requests run by a real {@code /bin/sh -c} in that directory with its {@code bin/} first on the PATH — the way an
 * OpenSSH server hands a command line to the login shell.
 */
final class TestSshServer implements AutoCloseable {

    static final String USER = "lab";

    private final SshServer server;
    private final List<PublicKey> authorized = new CopyOnWriteArrayList<>();
    private final AtomicInteger commands = new AtomicInteger();
    private final List<Process> processes = new CopyOnWriteArrayList<>();

    TestSshServer(Path root, List<KeyPair> hostKeys, PublicKey... authorizedKeys) throws IOException {
        authorized.addAll(List.of(authorizedKeys));
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(freePort());
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                && authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setCommandFactory((channel, line) -> {
            commands.incrementAndGet();
            return new ShCommand(line, root);
        });
        server.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return server.getPort();
    }

    /** Exec requests the server has received. */
    int commandsReceived() {
        return commands.get();
    }

    /** The shells the server has started. */
    List<Process> processes() {
        return processes;
    }

    /** Drops every session from the server side, as a rebooting instrument PC does. */
    void dropSessions() {
        for (Session s : server.getActiveSessions()) {
            s.close(true);
        }
    }

    /** The known-hosts line for this server with {@code key}, as {@code ssh-keyscan} would print it. */
    String knownHostsLine(PublicKey key) {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key);
    }

    /** Writes a known-hosts file holding {@code lines}. */
    static Path knownHosts(Path file, String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
        processes.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    /** One exec request: {@code /bin/sh -c line}, its output copied to the channel, its status the exit status. */
    private final class ShCommand implements Command {

        private final String line;
        private final Path dir;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Process process;

        ShCommand(String line, Path dir) {
            this.line = line;
            this.dir = dir;
        }

        @Override
        public void setInputStream(InputStream in) {
            // the adapter sends no input; the shell reads /dev/null
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
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
        public void start(ChannelSession channel, Environment env) throws IOException {
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", line).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("PATH", dir.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
            process = builder.start();
            processes.add(process);
            // a "signal TERM" request reaches the process as SIGTERM, as with OpenSSH's sshd
            env.addSignalListener((ch, signal) -> {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }, Signal.TERM);
            Thread stdout = pump(process.getInputStream(), out);
            Thread stderr = pump(process.getErrorStream(), err);
            Thread waiter = new Thread(() -> {
                try {
                    int status = process.waitFor();
                    stdout.join();
                    stderr.join();
                    exit.onExit(status);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-sshd-wait");
            waiter.setDaemon(true);
            waiter.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }

        private Thread pump(InputStream from, OutputStream to) {
            Thread t = new Thread(() -> {
                try (from) {
                    from.transferTo(to);
                    to.flush();
                } catch (IOException e) {
                    // the channel was closed (timeout): the output has nowhere to go
                }
            }, "test-sshd-pump");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }
}
