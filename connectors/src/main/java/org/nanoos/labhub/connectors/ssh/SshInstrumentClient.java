package org.nanoos.labhub.connectors.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
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
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SSH connection to one instrument PC (Apache MINA SSHD): runs commands and pulls result files over SFTP.
 *
 * <ul>
 * <li>The PC's host key must be in the configured known-hosts file. An unknown key, a changed key, a revoked key or
 * an unreadable file fails with an {@link SshConnectException} that says which; nothing is ever added to the file.
 * Key types listed for the host are preferred in the key exchange, as OpenSSH does, so a file holding only the
 * ed25519 key works with a server that also offers ECDSA.</li>
 * <li>Login is by public key only, from the configured key file; {@code ~/.ssh/config}, default identities and
 * agents are not consulted.</li>
 * <li>{@link #run} validates and single-quotes every argument ({@link ShellCommand}), bounds the output it keeps and
 * closes the channel when the timeout passes.</li>
 * <li>{@link #listResults} and {@link #download} take plain file names in the result directory only, and only
 * regular files: links, directories and oversized files are skipped (with a log line) or refused.</li>
 * </ul>
 *
 * <p>The session opens on first use and again after it drops (the PC rebooted). A call that finds its session
 * dropped under it is tried once more on a new session: file reads always, a command only when its channel never
 * opened (the command had not been sent). Keep-alives every 30 s notice a dead PC. One instance per instrument, safe
 * for use from several threads.
 */
public final class SshInstrumentClient implements AutoCloseable {

    /** Largest result file downloaded, in bytes, unless the client is made with another limit. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** Most bytes of standard output, and of standard error, kept from one command. */
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
    /** Longest wait for connecting and logging in, whatever the command timeout. */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** How long a timed-out command's channel is given to close before it is dropped. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final Comparator<RemoteResultFile> OLDEST_FIRST = Comparator
            .comparing(RemoteResultFile::modified).thenComparing(RemoteResultFile::name);

    private static final Logger LOG = LoggerFactory.getLogger(SshInstrumentClient.class);

    private final SshInstrumentConfig config;
    private final Function<String, String> environment;
    private final long maxFileBytes;
    private final int maxOutputBytes;
    private final SshClient client;
    private final List<NamedFactory<Signature>> defaultSignatures;
    private final Duration connectTimeout;
    /** Why the host key was refused on the connection being made; connections are made one at a time. */
    private final AtomicReference<String> hostKeyRejection = new AtomicReference<>();
    private ClientSession session; // guarded by this
    private boolean closed; // guarded by this

    /** A client for the instrument {@code config} describes; connects on first use. */
    public SshInstrumentClient(SshInstrumentConfig config) {
        this(config, System::getenv, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_OUTPUT_BYTES);
    }

    /**
     * @param environment    looks up the passphrase variable (the process environment outside tests)
     * @param maxFileBytes   largest result file downloaded
     * @param maxOutputBytes most bytes kept of each of a command's output streams
     */
    SshInstrumentClient(SshInstrumentConfig config, Function<String, String> environment, long maxFileBytes,
            int maxOutputBytes) {
        this.config = Objects.requireNonNull(config, "config");
        this.environment = Objects.requireNonNull(environment, "environment");
        if (maxFileBytes <= 0 || maxOutputBytes <= 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        this.maxFileBytes = maxFileBytes;
        this.maxOutputBytes = maxOutputBytes;
        SshClient c = SshClient.setUpDefaultClient();
        c.setServerKeyVerifier(new StrictKnownHostsVerifier(config.knownHosts(), config.address(),
                "the one on the instrument PC (ssh-keygen -lf on its host key)", hostKeyRejection));
        c.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        // keep-alives: a dead PC is noticed, and a long quiet command does not hit the idle timeout
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(c, Duration.ofSeconds(30));
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(c, 4);
        this.connectTimeout = min(config.commandTimeout(), MAX_CONNECT_TIMEOUT);
        // an SFTP channel that does not open in this time fails (and is tried once more on a new session)
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(c, connectTimeout);
        this.defaultSignatures = List.copyOf(c.getSignatureFactories());
        c.start();
        this.client = c;
    }

    /** The configuration this client was made with. */
    public SshInstrumentConfig config() {
        return config;
    }

    /**
     * Opens the session now, if it is not open: for a health check at start-up.
     *
     * @throws SshConnectException when the PC cannot be reached, its host key is not trusted or login fails
     */
    public void connect() throws SshConnectException {
        session();
    }

    /** Runs {@code argv} with the configured command timeout; see {@link #run(List, Duration)}. */
    public SshCommandResult run(List<String> argv) throws IOException {
        return run(argv, config.commandTimeout());
    }

    /**
     * Runs a command on the instrument PC and waits for it to end. Every element of {@code argv} is checked and
     * quoted by {@link ShellCommand#build}; the command line goes to the account's login shell, which must be POSIX.
     *
     * @param argv    program and arguments, e.g. {@code List.of("measure", "--sample", "Si-3")}
     * @param timeout how long the command may take; opening a session first, when one is needed, is bounded apart
     *                (the command timeout of the configuration, at most {@link #MAX_CONNECT_TIMEOUT})
     * @return exit status and output, each stream cut at the output limit
     * @throws IllegalArgumentException    when an argument is unsafe (nothing is sent)
     * @throws SshCommandTimeoutException  when the command did not end in time; the server has been asked to end it
     *                                     (a TERM signal, then the channel closed)
     * @throws SshConnectException         when no session could be opened
     * @throws IOException                 when the session failed, or the command ended without an exit status
     */
    public SshCommandResult run(List<String> argv, Duration timeout) throws IOException {
        String command = ShellCommand.build(argv);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        String program = argv.get(0);
        long deadline = System.nanoTime() + timeout.toNanos();
        BoundedOutput out = new BoundedOutput(maxOutputBytes);
        BoundedOutput err = new BoundedOutput(maxOutputBytes);
        ChannelExec channel = null;
        try {
            for (int attempt = 1; channel == null; attempt++) {
                ClientSession s = session();
                ChannelExec opening = null;
                try {
                    opening = s.createExecChannel(command);
                    opening.setOut(out);
                    opening.setErr(err);
                    LOG.debug("running {} with {} argument(s) on {}", program, argv.size() - 1, config.address());
                    opening.open().verify(min(remaining(deadline), connectTimeout));
                    channel = opening;
                } catch (IOException | IllegalStateException e) {
                    if (opening != null) {
                        opening.close(true);
                    }
                    if (remaining(deadline).toNanos() <= 1) {
                        throw timedOut(program, timeout);
                    }
                    // the exec request goes out only once the channel is open, so the command has not started
                    if (attempt == 1 && !s.isOpen()) {
                        LOG.info("SSH session to {} dropped ({}); reconnecting once", config.address(), e.toString());
                        continue;
                    }
                    throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                }
            }
            channel.getInvertedIn().close(); // nothing to send: EOF on the command's standard input
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
                    remaining(deadline));
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                stop(channel);
                throw timedOut(program, timeout);
            }
            Integer status = channel.getExitStatus();
            if (status == null) {
                String signal = channel.getExitSignal();
                throw new IOException("'" + program + "' on " + config.address() + " ended without an exit status"
                        + (signal != null ? " (killed by signal " + signal + ")" : ""));
            }
            if (out.truncated() || err.truncated()) {
                LOG.warn("output of {} on {} cut at {} bytes per stream", program, config.address(), maxOutputBytes);
            }
            return new SshCommandResult(status, out.text(), err.text(), out.truncated() || err.truncated());
        } finally {
            if (channel != null) {
                channel.close(true);
            }
        }
    }

    /**
     * The result files matching the configured patterns, oldest first; see {@link #listResults(String)}.
     */
    public List<RemoteResultFile> listResults() throws IOException {
        Map<String, RemoteResultFile> all = new LinkedHashMap<>();
        for (String glob : config.filePatterns()) {
            for (RemoteResultFile f : listResults(glob)) {
                all.putIfAbsent(f.name(), f);
            }
        }
        List<RemoteResultFile> files = new ArrayList<>(all.values());
        files.sort(OLDEST_FIRST);
        return files;
    }

    /**
     * The result files in the result directory whose names match {@code glob} ({@code *} and {@code ?}, without
     * regard to case, a leading dot only matched by a leading dot), oldest first. Only regular files with safe plain
     * names and within the size limit are listed; others are skipped with a log line. Each file is checked with
     * {@code lstat}, since an SFTP server may report a link's target in a directory listing.
     *
     * @throws IllegalArgumentException when {@code glob} is not a plain-name pattern
     */
    public List<RemoteResultFile> listResults(String glob) throws IOException {
        Pattern pattern = RemoteNames.glob(glob);
        String dir = config.sftpDirectory();
        List<RemoteResultFile> files = withSftp(sftp -> {
            List<RemoteResultFile> found = new ArrayList<>();
            for (SftpClient.DirEntry entry : sftp.readDir(dir)) {
                String name = entry.getFilename();
                if (".".equals(name) || "..".equals(name) || !pattern.matcher(name).matches()) {
                    continue;
                }
                String problem = RemoteNames.problem(name);
                if (problem != null) {
                    LOG.warn("skipping {} in {} on {}: {}", ShellCommand.describe(name), dir, config.address(), problem);
                    continue;
                }
                SftpClient.Attributes attributes;
                try {
                    attributes = sftp.lstat(path(name));
                } catch (SftpException e) {
                    if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                        continue; // removed since the listing
                    }
                    throw e;
                }
                String refusal = refusal(attributes);
                if (refusal != null) {
                    LOG.info("skipping {} in {} on {}: {}", name, dir, config.address(), refusal);
                    continue;
                }
                found.add(new RemoteResultFile(name, attributes.getSize(), modified(attributes)));
            }
            return found;
        });
        files.sort(OLDEST_FIRST);
        return files;
    }

    /**
     * Downloads one result file from the result directory.
     *
     * @param remoteName a plain file name, as {@link #listResults} gives it
     * @return the content and the remote modification time
     * @throws IllegalArgumentException     when the name is a path, holds {@code ..} or control characters, or
     *                                      starts with {@code -}
     * @throws RemoteFileRefusedException   when it is not a regular file (a link, a directory) or is too large
     * @throws IOException                  when it does not exist, cannot be read, or changed while being read
     */
    public DownloadedResult download(String remoteName) throws IOException {
        String name = RemoteNames.requireSafe(remoteName);
        String path = path(name);
        return withSftp(sftp -> {
            SftpClient.Attributes before = sftp.lstat(path);
            String refusal = refusal(before);
            if (refusal != null) {
                throw new RemoteFileRefusedException("refused " + name + " in " + config.sftpDirectory() + " on "
                        + config.address() + ": " + refusal);
            }
            byte[] content;
            try (InputStream in = sftp.read(path)) {
                content = readAtMost(in, name);
            }
            SftpClient.Attributes after = sftp.lstat(path);
            if (!after.isRegularFile() || after.getSize() != content.length
                    || !Objects.equals(before.getModifyTime(), after.getModifyTime())) {
                throw new IOException(name + " on " + config.address() + " changed while it was downloaded;"
                        + " try again once the instrument has finished writing it");
            }
            return new DownloadedResult(name, modified(after), content);
        });
    }

    /** Closes the session and stops the SSH client; further calls fail. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (session != null) {
            session.close(true);
            session = null;
        }
        client.stop();
    }

    private synchronized ClientSession session() throws SshConnectException {
        if (closed) {
            throw new SshConnectException("the SSH client for " + config.address() + " is closed");
        }
        if (session != null && session.isOpen() && session.isAuthenticated()) {
            return session;
        }
        if (session != null) {
            LOG.info("SSH session to {} was lost; reconnecting", config.address());
            session.close(true);
            session = null;
        }
        session = open();
        return session;
    }

    private ClientSession open() throws SshConnectException {
        Path knownHosts = config.knownHosts();
        if (!Files.isRegularFile(knownHosts)) {
            throw new SshConnectException("known-hosts file " + knownHosts + " does not exist; host keys are always"
                    + " checked: add the key of " + config.address() + " there (ssh-keyscan -p " + config.port() + " "
                    + config.host() + ", then compare the fingerprint on the instrument PC)");
        }
        List<KeyPair> identities = identities();
        preferKnownKeyTypes(knownHosts);
        Duration timeout = connectTimeout;
        ClientSession s = null;
        hostKeyRejection.set(null);
        try {
            s = client.connect(config.user(), config.host(), config.port()).verify(timeout).getSession();
            for (KeyPair identity : identities) {
                s.addPublicKeyIdentity(identity);
            }
            s.auth().verify(timeout);
            LOG.info("SSH session to {}@{} open", config.user(), config.address());
            return s;
        } catch (IOException | RuntimeException e) {
            // read here, not from a session attribute: SSHD clears those when the session closes
            String rejection = hostKeyRejection.get();
            if (s != null) {
                s.close(true);
            }
            if (rejection != null) {
                LOG.warn(rejection);
                throw new SshConnectException(rejection, e);
            }
            if (s == null) {
                throw new SshConnectException("cannot connect to " + config.address() + ": " + e.getMessage(), e);
            }
            throw new SshConnectException("login as " + config.user() + " at " + config.address() + " with key "
                    + config.privateKey() + " failed: " + e.getMessage() + " (is its public key in the account's"
                    + " authorized_keys?)", e);
        }
    }

    /** The key pairs in the configured key file, decrypted with the passphrase from the named variable. */
    private List<KeyPair> identities() throws SshConnectException {
        Path key = config.privateKey();
        if (!Files.isRegularFile(key)) {
            throw new SshConnectException("private key file " + key + " does not exist");
        }
        try {
            var loose = KeyUtils.validateStrictKeyFilePermissions(key);
            if (loose != null) {
                LOG.warn("private key file {} is open to others ({}); make it readable by the hub's user only", key,
                        loose.getKey());
            }
        } catch (IOException e) {
            LOG.debug("cannot check the permissions of {}: {}", key, e.toString());
        }
        FilePasswordProvider passphrase = FilePasswordProvider.EMPTY;
        String variable = config.passphraseEnv();
        if (variable != null) {
            String value = environment.apply(variable);
            if (value == null || value.isEmpty()) {
                throw new SshConnectException("environment variable " + variable + ", the passphrase of " + key
                        + ", is not set");
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
            throw new SshConnectException("cannot read private key " + key + ": " + e.getMessage()
                    + (variable == null ? " (if the key has a passphrase, name its variable in passphraseEnv)"
                            : " (is " + variable + " the right passphrase?)"), e);
        }
        if (pairs.isEmpty()) {
            throw new SshConnectException("no private key in " + key + " (expected an OpenSSH or PEM private key)");
        }
        return pairs;
    }

    /**
     * Puts the signature algorithms of the key types the known-hosts file lists for this host first, so the server
     * proves the key the file holds rather than another it also has.
     */
    private void preferKnownKeyTypes(Path knownHosts) {
        Set<String> types = new LinkedHashSet<>();
        try {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(knownHosts)) {
                if (entry.getKeyEntry() != null && entry.getMarker() == null
                        && entry.isHostMatch(config.host(), config.port())) {
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

    /** One SFTP operation; reads only, so it is tried once more on a new session when the session dropped. */
    @FunctionalInterface
    private interface SftpCall<T> {
        T apply(SftpClient sftp) throws IOException;
    }

    private <T> T withSftp(SftpCall<T> call) throws IOException {
        ClientSession s = session();
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            return call.apply(sftp);
        } catch (IOException e) {
            if (e instanceof SftpException || e instanceof RemoteFileRefusedException || s.isOpen()) {
                throw e;
            }
            LOG.info("SSH session to {} dropped ({}); reconnecting once", config.address(), e.toString());
        }
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session())) {
            return call.apply(sftp);
        }
    }

    private String path(String name) {
        String dir = config.sftpDirectory();
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** Why a file with these ({@code lstat}) attributes is not downloaded, or {@code null}. */
    private String refusal(SftpClient.Attributes a) {
        if (a.isSymbolicLink()) {
            return "a symbolic link; only regular files are pulled";
        }
        if (a.isDirectory()) {
            return "a directory; only regular files are pulled";
        }
        if (!a.isRegularFile()) {
            return "not a regular file";
        }
        if (a.getSize() > maxFileBytes) {
            return a.getSize() + " bytes, more than the limit of " + maxFileBytes;
        }
        if (a.getModifyTime() == null) {
            return "the server reports no modification time";
        }
        return null;
    }

    private static Instant modified(SftpClient.Attributes a) {
        return a.getModifyTime().toInstant();
    }

    private byte[] readAtMost(InputStream in, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[32 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > maxFileBytes) {
                throw new RemoteFileRefusedException("refused " + name + " on " + config.address()
                        + ": it grew past the limit of " + maxFileBytes + " bytes while being read");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Asks the server to end a command that ran out of time: a {@code signal TERM} request (RFC 4254 §6.9; OpenSSH
     * 8.1 and later deliver it), then a channel close, which SSH servers answer by closing the command's pipes or
     * ending it. Waits at most {@link #STOP_GRACE} for the server's close.
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
            LOG.debug("cannot send TERM to the command on {}: {}", config.address(), e.toString());
        }
        try {
            channel.close(false).await(STOP_GRACE);
        } catch (IOException e) {
            LOG.debug("closing the channel of a timed-out command on {}: {}", config.address(), e.toString());
        }
    }

    private SshCommandTimeoutException timedOut(String program, Duration timeout) {
        LOG.warn("'{}' on {} did not finish within {}; closing its channel", program, config.address(), timeout);
        return new SshCommandTimeoutException("'" + program + "' on " + config.address() + " did not finish within "
                + timeout + "; its channel was closed");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }
}
