package org.nanoos.labhub.connectors.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.nanoos.labhub.connectors.jobs.ExecutionProfile;
import org.nanoos.labhub.connectors.ssh.ShellCommand;
import org.nanoos.labhub.connectors.ssh.SshCommandResult;
import org.nanoos.labhub.connectors.ssh.SshConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one long-lived SSH session (Apache MINA SSHD) to one cluster's login node: commands and SFTP share it.
 *
 * <ul>
 * <li>The login node's host key must be in the profile's known-hosts file; an unknown, changed or revoked key, or a
 * missing known-hosts file, refuses the connection with a {@link ClusterAccessRefusedException} that says which and
 * what to check. Nothing is ever added to the file. Login is by the profile's private key only.</li>
 * <li>Keep-alives every {@link SlurmExecutorConfig#heartbeatInterval()}; after
 * {@link SlurmExecutorConfig#heartbeatNoReplyMax()} unanswered ones the session counts as lost and closes.</li>
 * <li>A lost session is opened again by the next call. A failed attempt makes the next wait (doubling from
 * {@link SlurmExecutorConfig#reconnectBackoff()} up to {@link SlurmExecutorConfig#reconnectBackoffMax()}); calls in
 * between fail at once with the last error instead of hammering an unreachable host.</li>
 * <li>Each command takes a token from the hub-wide {@link CommandRateLimit} first, has a timeout (its channel is
 * closed when it passes), and keeps at most a bounded amount of output.</li>
 * <li>{@link #run} tells apart a command that was certainly not sent (any {@link IOException}) from one that was sent
 * and whose reply was lost ({@link CommandOutcomeUnknownException}): only the second can have submitted a job.</li>
 * </ul>
 *
 * Thread-safe: commands run side by side on their own channels.
 */
public final class SlurmSession implements AutoCloseable {

    /** Most bytes kept of each of a command's output streams (squeue for thousands of jobs fits easily). */
    public static final int MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(SlurmSession.class);

    private final ExecutionProfile profile;
    private final SlurmExecutorConfig config;
    private final CommandRateLimit rateLimit;
    private final Function<String, String> environment;
    private final SshClient client;
    private final List<NamedFactory<Signature>> defaultSignatures;
    private final AtomicReference<String> hostKeyRejection = new AtomicReference<>();
    private final Map<String, LongAdder> commandsByProgram = new ConcurrentHashMap<>();
    private final LongAdder commands = new LongAdder();
    private final AtomicLong connects = new AtomicLong();

    private ClientSession session; // guarded by this
    private Integer loginUid; // guarded by this; of the current session
    private boolean closed; // guarded by this
    private int failedConnects; // guarded by this
    private long nextConnectAt; // guarded by this; System.nanoTime()
    private SshConnectException lastConnectFailure; // guarded by this

    /**
     * A session to the cluster of a SLURM profile; connects on first use.
     *
     * @param environment looks up the profile's passphrase variable (the process environment outside tests)
     */
    public SlurmSession(ExecutionProfile profile, SlurmExecutorConfig config, CommandRateLimit rateLimit,
            Function<String, String> environment) {
        this.profile = Objects.requireNonNull(profile, "profile");
        if (profile.kind() != ExecutionProfile.Kind.SLURM) {
            throw new IllegalArgumentException("profile " + profile.id() + " is not a SLURM profile");
        }
        this.config = Objects.requireNonNull(config, "config");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.environment = Objects.requireNonNull(environment, "environment");
        SshClient c = SshClient.setUpDefaultClient();
        c.setServerKeyVerifier(new org.nanoos.labhub.connectors.ssh.StrictKnownHostsVerifier(
                profile.knownHostsFile(), "cluster login node " + profile.sshHost() + ":" + port(),
                "the one the cluster's administrators publish", hostKeyRejection));
        c.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(c, config.heartbeatInterval());
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(c, config.heartbeatNoReplyMax());
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(c, config.connectTimeout());
        this.defaultSignatures = List.copyOf(c.getSignatureFactories());
        c.start();
        this.client = c;
    }

    /** The profile this session serves. */
    public ExecutionProfile profile() {
        return profile;
    }

    /** {@code user@host:port}, for messages. */
    public String address() {
        return profile.sshUser() + "@" + profile.sshHost() + ":" + port();
    }

    /** Commands sent on this session (over all its connections) since it was made. */
    public long commandCount() {
        return commands.sum();
    }

    /** Commands of one program ({@code squeue}, {@code sbatch}, …) sent since the session was made. */
    public long commandCount(String program) {
        LongAdder a = commandsByProgram.get(program);
        return a == null ? 0 : a.sum();
    }

    /** Commands sent so far, by program. */
    public Map<String, Long> commandCounts() {
        Map<String, Long> m = new TreeMap<>();
        commandsByProgram.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** How many times an SSH connection was opened (1 after the first command; more after losses). */
    public long connectCount() {
        return connects.get();
    }

    /** Whether a connection is open now. */
    public synchronized boolean isConnected() {
        return session != null && session.isOpen() && session.isAuthenticated();
    }

    /** How long until the next connection attempt is allowed after failures (zero when it is now). */
    public synchronized Duration untilReconnect() {
        return Duration.ofNanos(Math.max(0, nextConnectAt - System.nanoTime()));
    }

    /**
     * Opens the connection now if none is open, for a health check.
     *
     * @throws SshConnectException when it cannot be opened (a {@link ClusterAccessRefusedException} when the host key
     *                             or login was refused)
     */
    public void connect() throws SshConnectException {
        session();
    }

    /**
     * Drops the connection at once, as a network failure would; the next call opens a new one without back-off. For
     * tests and operators.
     */
    public void disconnect() {
        ClientSession s;
        synchronized (this) {
            s = session;
            session = null;
            loginUid = null;
        }
        if (s != null) {
            LOG.info("dropping the SSH session to {} on request", address());
            s.close(true);
        }
    }

    /** Runs {@code argv} with the configured command timeout; see {@link #run(List, Duration)}. */
    public SshCommandResult run(List<String> argv) throws IOException {
        return run(argv, config.commandTimeout());
    }

    /**
     * Runs a command on the login node and waits for it to end. Every argument is checked and single-quoted
     * ({@link ShellCommand#build}); the account's login shell must be POSIX.
     *
     * @param argv    program and arguments
     * @param timeout how long the command may take, waiting for the rate limit included; opening a connection first
     *                is bounded apart by the connect timeout
     * @return exit status and output (each stream at most {@value #MAX_OUTPUT_BYTES} bytes)
     * @throws CommandOutcomeUnknownException when the command was sent but no reply came (connection lost, timed out,
     *                                        no exit status): it may have run
     * @throws SshConnectException            when no connection could be opened (the command was not sent)
     * @throws IOException                    otherwise, when the command was not sent
     */
    public SshCommandResult run(List<String> argv, Duration timeout) throws IOException {
        String command = ShellCommand.build(argv);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        String program = argv.get(0);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!rateLimit.acquire(remaining(deadline))) {
                throw new IOException("'" + program + "' for " + address() + " not sent: the hub-wide command rate ("
                        + rateLimit + ") leaves no slot within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the command rate limit");
        }
        org.nanoos.labhub.connectors.ssh.BoundedOutput out = new org.nanoos.labhub.connectors.ssh.BoundedOutput(
                MAX_OUTPUT_BYTES);
        org.nanoos.labhub.connectors.ssh.BoundedOutput err = new org.nanoos.labhub.connectors.ssh.BoundedOutput(
                MAX_OUTPUT_BYTES);
        ChannelExec channel = null;
        ClientSession s = null;
        try {
            for (int attempt = 1; channel == null; attempt++) {
                s = session();
                ChannelExec opening = null;
                try {
                    opening = s.createExecChannel(command);
                    opening.setOut(out);
                    opening.setErr(err);
                    opening.open().verify(min(remaining(deadline), config.connectTimeout()));
                    channel = opening;
                } catch (IOException | IllegalStateException e) {
                    if (opening != null) {
                        opening.close(true);
                    }
                    // the exec request is written only once the channel is open: the command was not sent
                    if (attempt == 1 && !s.isOpen() && remaining(deadline).toNanos() > 1) {
                        LOG.info("SSH session to {} dropped ({}); reconnecting once", address(), e.toString());
                        continue;
                    }
                    throw new IOException("'" + program + "' not sent to " + address() + ": " + e.getMessage(), e);
                }
            }
            commands.increment();
            commandsByProgram.computeIfAbsent(program, k -> new LongAdder()).increment();
            LOG.debug("running {} with {} argument(s) on {}", program, argv.size() - 1, address());
            try {
                config.commandHook().sent(this, argv);
            } catch (IOException e) {
                throw lost(program, "the connection failed after it was sent (" + e.getMessage() + ")", false, e);
            }
            channel.getInvertedIn().close(); // nothing to send: EOF on the command's standard input
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
                    remaining(deadline));
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                stop(channel);
                LOG.warn("'{}' on {} did not finish within {}; its channel was closed", program, address(), timeout);
                throw lost(program, "it did not finish within " + timeout + "; its channel was closed", true, null);
            }
            Integer status = channel.getExitStatus();
            if (status == null) {
                String signal = channel.getExitSignal();
                throw lost(program, s.isOpen() ? "it ended without an exit status"
                        + (signal != null ? " (killed by signal " + signal + ")" : "")
                        : "the SSH connection was lost while it ran", false, null);
            }
            if (out.truncated() || err.truncated()) {
                LOG.warn("output of {} on {} cut at {} bytes per stream", program, address(), MAX_OUTPUT_BYTES);
            }
            SshCommandResult result = new SshCommandResult(status, out.text(), err.text(),
                    out.truncated() || err.truncated());
            try {
                config.commandHook().ended(this, argv, result);
            } catch (IOException e) {
                throw lost(program, "its reply was lost (" + e.getMessage() + ")", false, e);
            }
            return result;
        } catch (IOException e) {
            if (e instanceof CommandOutcomeUnknownException || channel == null) {
                throw e;
            }
            throw lost(program, e.getMessage(), false, e);
        } finally {
            if (channel != null) {
                channel.close(true);
            }
        }
    }

    /** One SFTP operation on this session. */
    @FunctionalInterface
    public interface SftpCall<T> {
        T apply(SftpClient sftp) throws IOException;
    }

    /**
     * Runs SFTP operations on a channel of this session (opened for the call, closed after it). Not retried here: the
     * caller decides what is safe to repeat.
     */
    public <T> T sftp(SftpCall<T> call) throws IOException {
        ClientSession s = session();
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            return call.apply(sftp);
        }
    }

    /**
     * The login account's numeric user id ({@code id -u}, asked once per connection), to check that staged files and
     * directories belong to it.
     */
    public int loginUid() throws IOException {
        synchronized (this) {
            if (loginUid != null && isConnected()) {
                return loginUid;
            }
        }
        SshCommandResult r = run(List.of("id", "-u"));
        String text = r.stdout().strip();
        if (r.exitCode() != 0 || !text.matches("\\d{1,10}")) {
            throw new IOException("'id -u' on " + address() + " answered " + r.exitCode() + ": "
                    + (text.isEmpty() ? r.stderr().strip() : text));
        }
        int uid = Integer.parseInt(text);
        synchronized (this) {
            loginUid = uid;
        }
        return uid;
    }

    /** Closes the connection and stops the SSH client; further calls fail. */
    @Override
    public void close() {
        ClientSession s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = session;
            session = null;
        }
        if (s != null) {
            s.close(true);
        }
        client.stop();
    }

    private int port() {
        return profile.sshPort() > 0 ? profile.sshPort() : 22;
    }

    private CommandOutcomeUnknownException lost(String program, String what, boolean timedOut, Throwable cause) {
        return new CommandOutcomeUnknownException("'" + program + "' was sent to " + address() + " but " + what
                + "; it may have run", timedOut, cause);
    }

    private synchronized ClientSession session() throws SshConnectException {
        if (closed) {
            throw new SshConnectException("the SSH session to " + address() + " is closed");
        }
        if (session != null && session.isOpen() && session.isAuthenticated()) {
            return session;
        }
        if (session != null) {
            LOG.info("SSH session to {} was lost; reconnecting", address());
            session.close(true);
            session = null;
            loginUid = null;
        }
        long now = System.nanoTime();
        if (failedConnects > 0 && now < nextConnectAt) {
            String again = "next attempt in " + Duration.ofNanos(nextConnectAt - now).toSeconds() + " s";
            throw lastConnectFailure instanceof ClusterAccessRefusedException
                    ? new ClusterAccessRefusedException(lastConnectFailure.getMessage() + " (" + again + ")",
                            lastConnectFailure)
                    : new SshConnectException(lastConnectFailure.getMessage() + " (" + again + ")", lastConnectFailure);
        }
        try {
            session = open();
            connects.incrementAndGet();
            failedConnects = 0;
            lastConnectFailure = null;
            return session;
        } catch (SshConnectException e) {
            failedConnects++;
            long wait = backoff(config.reconnectBackoff(), config.reconnectBackoffMax(), failedConnects).toNanos();
            nextConnectAt = System.nanoTime() + wait;
            lastConnectFailure = e;
            throw e;
        }
    }

    /** The wait after the {@code n}th failure in a row: {@code first × 2^(n-1)}, at most {@code max}, ±10 %. */
    static Duration backoff(Duration first, Duration max, int n) {
        long nanos = first.toNanos();
        for (int i = 1; i < n && nanos < max.toNanos(); i++) {
            nanos *= 2;
        }
        nanos = Math.min(nanos, max.toNanos());
        double jitter = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofNanos((long) (nanos * jitter));
    }

    private ClientSession open() throws SshConnectException {
        Path knownHosts = profile.knownHostsFile();
        if (!Files.isRegularFile(knownHosts)) {
            throw new ClusterAccessRefusedException("known-hosts file " + knownHosts + " does not exist; host keys"
                    + " are always checked: add the key of " + profile.sshHost() + " there (ssh-keyscan -p " + port()
                    + " " + profile.sshHost() + ", then compare the fingerprint with the one the cluster's"
                    + " administrators publish)");
        }
        List<KeyPair> identities = identities();
        preferKnownKeyTypes(knownHosts);
        Duration timeout = config.connectTimeout();
        ClientSession s = null;
        hostKeyRejection.set(null);
        try {
            s = client.connect(profile.sshUser(), profile.sshHost(), port()).verify(timeout).getSession();
            for (KeyPair identity : identities) {
                s.addPublicKeyIdentity(identity);
            }
            s.auth().verify(timeout);
            LOG.info("SSH session to {} open (cluster profile {})", address(), profile.id());
            return s;
        } catch (IOException | RuntimeException e) {
            String rejection = hostKeyRejection.get();
            if (s != null) {
                s.close(true);
            }
            if (rejection != null) {
                LOG.warn(rejection);
                throw new ClusterAccessRefusedException(rejection, e);
            }
            if (s == null) {
                throw new SshConnectException("cannot connect to " + profile.sshHost() + ":" + port() + ": "
                        + e.getMessage(), e);
            }
            if (s.isOpen() || e.getMessage() != null && e.getMessage().contains("No more authentication methods")) {
                throw new ClusterAccessRefusedException("login as " + profile.sshUser() + " at " + profile.sshHost()
                        + ":" + port() + " with key " + profile.privateKeyFile() + " failed: " + e.getMessage()
                        + " (is its public key in the account's authorized_keys?)", e);
            }
            throw new SshConnectException("connection to " + address() + " lost while logging in: " + e.getMessage(),
                    e);
        }
    }

    private List<KeyPair> identities() throws SshConnectException {
        Path key = profile.privateKeyFile();
        if (!Files.isRegularFile(key)) {
            throw new ClusterAccessRefusedException("private key file " + key + " does not exist");
        }
        FilePasswordProvider passphrase = FilePasswordProvider.EMPTY;
        String variable = profile.passphraseEnv();
        if (variable != null) {
            String value = environment.apply(variable);
            if (value == null || value.isEmpty()) {
                throw new ClusterAccessRefusedException("environment variable " + variable + ", the passphrase of "
                        + key + ", is not set");
            }
            passphrase = FilePasswordProvider.of(value);
        }
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(key)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(key.toString()),
                    in, passphrase);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ClusterAccessRefusedException("cannot read private key " + key + ": " + e.getMessage()
                    + (variable == null ? " (if the key has a passphrase, name its variable in passphraseEnv)"
                            : " (is " + variable + " the right passphrase?)"), e);
        }
        if (pairs.isEmpty()) {
            throw new ClusterAccessRefusedException("no private key in " + key
                    + " (expected an OpenSSH or PEM private key)");
        }
        return pairs;
    }

    /**
     * Puts the signature algorithms of the key types the known-hosts file lists for this host first, as OpenSSH does,
     * so the server proves the key the file holds rather than another it also has.
     */
    private void preferKnownKeyTypes(Path knownHosts) {
        Set<String> types = new LinkedHashSet<>();
        try {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(knownHosts)) {
                if (entry.getKeyEntry() != null && entry.getMarker() == null
                        && entry.isHostMatch(profile.sshHost(), port())) {
                    types.add(entry.getKeyEntry().getKeyType());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {} to order host key algorithms: {}", knownHosts, e.toString());
        }
        List<NamedFactory<Signature>> ordered = new ArrayList<>(defaultSignatures.size());
        for (NamedFactory<Signature> f : defaultSignatures) {
            if (types.contains(KeyUtils.getCanonicalKeyType(f.getName()))) {
                ordered.add(f);
            }
        }
        for (NamedFactory<Signature> f : defaultSignatures) {
            if (!ordered.contains(f)) {
                ordered.add(f);
            }
        }
        client.setSignatureFactories(ordered);
    }

    /**
     * Asks the server to end a command that ran out of time: a {@code signal TERM} request (RFC 4254 §6.9), then a
     * channel close.
     */
    private void stop(ChannelExec channel) {
        try {
            Buffer request = channel.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
            request.putUInt(channel.getRecipient());
            request.putString("signal");
            request.putBoolean(false);
            request.putString("TERM");
            channel.writePacket(request);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot send TERM to the command on {}: {}", address(), e.toString());
        }
        try {
            channel.close(false).await(STOP_GRACE);
        } catch (IOException e) {
            LOG.debug("closing the channel of a timed-out command on {}: {}", address(), e.toString());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }
}
