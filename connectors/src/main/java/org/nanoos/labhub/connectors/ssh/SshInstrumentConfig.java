package org.nanoos.labhub.connectors.ssh;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how the hub reaches one instrument PC over SSH. Checked when made, so a bad value fails at start-up
 * with a message naming the field; nothing is read from disk here.
 *
 * @param host              the instrument PC: a DNS host name, an IPv4 literal or an IPv6 literal (no brackets)
 * @param port              SSH port, 1–65535 (usually 22)
 * @param user              account on the PC, matching {@code [a-z_][a-z0-9_.-]{0,31}}
 * @param privateKey        the hub's private key file, OpenSSH ({@code BEGIN OPENSSH PRIVATE KEY}) or PEM
 *                          (PKCS#1 or PKCS#8); its public half goes into the account's {@code authorized_keys}
 * @param passphraseEnv     name of the environment variable holding the key's passphrase (the name, never the value),
 *                          or {@code null} for a key without one
 * @param knownHosts        OpenSSH known-hosts file that must list the PC's host key, as
 *                          {@code [host]:port ssh-ed25519 AAAA...} (plain {@code host ...} for port 22); fill it with
 *                          {@code ssh-keyscan -p PORT HOST} and compare the fingerprint on the PC
 * @param remoteDirectory   the directory the instrument writes results into: an absolute POSIX path
 *                          ({@code /data/xrd}) or a Windows path ({@code C:\Data\XRD} or {@code C:/Data/XRD}); letters,
 *                          digits, space and {@code _ . + - @ ( ) ,} in names, no {@code .} or {@code ..} parts
 * @param commandTimeout    how long a command may run, positive and at most a day; connecting and logging in wait
 *                          this long too, but never more than {@link SshInstrumentClient#MAX_CONNECT_TIMEOUT}
 * @param filePatterns      globs of the result files to pull, e.g. {@code *.xy}, {@code *.csv} ({@code *} and
 *                          {@code ?}, matched without regard to case); at least one
 */
public record SshInstrumentConfig(String host, int port, String user, Path privateKey, String passphraseEnv,
        Path knownHosts, String remoteDirectory, Duration commandTimeout, List<String> filePatterns) {

    /** Longest command timeout accepted. */
    public static final Duration MAX_COMMAND_TIMEOUT = Duration.ofDays(1);

    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.+@(),-]([A-Za-z0-9 _.+@(),-]{0,253}"
            + "[A-Za-z0-9_.+@(),-])?");
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:[\\\\/].*");
    private static final int MAX_DIRECTORY_LENGTH = 1024;

    /** Checks every field; see the parameters for what is accepted. */
    public SshInstrumentConfig {
        host = requireHost(host);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1-65535, not " + port);
        }
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user " + ShellCommand.describe(user)
                    + " must match [a-z_][a-z0-9_.-]{0,31}");
        }
        Objects.requireNonNull(privateKey, "privateKey: the hub's SSH private key file is required");
        if (passphraseEnv != null && passphraseEnv.isBlank()) {
            passphraseEnv = null;
        }
        if (passphraseEnv != null && !ENV_NAME.matcher(passphraseEnv).matches()) {
            throw new IllegalArgumentException("passphraseEnv must be the NAME of an environment variable"
                    + " ([A-Za-z_][A-Za-z0-9_]*), not its value");
        }
        Objects.requireNonNull(knownHosts, "knownHosts: a known-hosts file is required; host keys are always checked");
        requireDirectory(remoteDirectory);
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.isNegative() || commandTimeout.isZero() || commandTimeout.compareTo(MAX_COMMAND_TIMEOUT) > 0) {
            throw new IllegalArgumentException("commandTimeout must be positive and at most " + MAX_COMMAND_TIMEOUT
                    + ", not " + commandTimeout);
        }
        Objects.requireNonNull(filePatterns, "filePatterns");
        filePatterns = List.copyOf(filePatterns);
        if (filePatterns.isEmpty()) {
            throw new IllegalArgumentException("filePatterns: name at least one glob, e.g. *.xy");
        }
        filePatterns.forEach(RemoteNames::glob);
    }

    /** {@code host:port}, IPv6 literals in brackets: for messages. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Whether the result directory is a Windows path. */
    public boolean windowsDirectory() {
        return WINDOWS_DRIVE.matcher(remoteDirectory).matches();
    }

    /**
     * The result directory as an SFTP path: POSIX paths as given (without a trailing {@code /}), Windows paths the
     * way Windows OpenSSH's SFTP server names them, {@code C:\Data\XRD} as {@code /C:/Data/XRD}.
     */
    public String sftpDirectory() {
        String dir = remoteDirectory.replace('\\', '/');
        if (windowsDirectory()) {
            dir = "/" + dir;
        }
        while (dir.length() > 1 && dir.endsWith("/") && !dir.endsWith(":/")) {
            dir = dir.substring(0, dir.length() - 1);
        }
        return dir;
    }

    private static String requireHost(String host) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host is required");
        }
        if (host.indexOf(':') >= 0) {
            // only hex digits, colons and dots reach InetAddress, which then parses a literal and never looks up DNS
            if (IPV6_CHARS.matcher(host).matches()) {
                try {
                    InetAddress.getByName(host);
                    return host;
                } catch (UnknownHostException | SecurityException e) {
                    // fall through to the message below
                }
            }
            throw new IllegalArgumentException("host " + ShellCommand.describe(host) + " is not a valid IPv6 literal");
        }
        if (host.matches("[0-9.]+")) {
            if (IPV4.matcher(host).matches()) {
                return host;
            }
            throw new IllegalArgumentException("host " + ShellCommand.describe(host) + " is not a valid IPv4 address");
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.length() > 253 || name.isEmpty()) {
            throw new IllegalArgumentException("host " + ShellCommand.describe(host) + " is not a valid host name");
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("host " + ShellCommand.describe(host)
                        + " is not a host name (letters, digits and -, dot-separated) or an IP address");
            }
        }
        return host;
    }

    private static void requireDirectory(String dir) {
        if (dir == null || dir.isEmpty()) {
            throw new IllegalArgumentException("remoteDirectory is required");
        }
        if (dir.length() > MAX_DIRECTORY_LENGTH) {
            throw new IllegalArgumentException("remoteDirectory is longer than " + MAX_DIRECTORY_LENGTH + " characters");
        }
        String rest;
        String separators;
        if (dir.startsWith("/")) {
            rest = dir.substring(1);
            separators = "/";
        } else if (WINDOWS_DRIVE.matcher(dir).matches()) {
            rest = dir.substring(3);
            separators = "[\\\\/]";
        } else {
            throw new IllegalArgumentException("remoteDirectory " + ShellCommand.describe(dir)
                    + " must be an absolute POSIX path (/data/xrd) or a Windows path (C:\\Data\\XRD)");
        }
        if (rest.isEmpty()) {
            return;
        }
        String[] parts = rest.split(separators, -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() && i == parts.length - 1) {
                continue; // one trailing separator
            }
            if (!SEGMENT.matcher(part).matches() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("remoteDirectory " + ShellCommand.describe(dir) + ": part "
                        + ShellCommand.describe(part) + " is not allowed (only letters, digits, space and _ . + - @ ( ) , in"
                        + " names; no empty, '.' or '..' parts; no space at either end)");
            }
        }
    }
}
