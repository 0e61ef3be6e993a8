package org.nanoos.labhub.connectors.ssh;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * The host-key check of every SSH connection the hub opens (instrument PCs, cluster login nodes): the server's key
 * must be in the known-hosts file; a key it does not list, a changed, revoked or unreadable one is refused — never
 * trusted on first use, never written to the file — and the reason, saying what a person should do, is put in
 * {@code rejection} for the caller's error.
 */
public final class StrictKnownHostsVerifier extends KnownHostsServerKeyVerifier {

    private final String what;
    private final String compareWith;
    private final AtomicReference<String> rejection;

    /**
     * @param file        the known-hosts file
     * @param what        the server in words, e.g. {@code instrument PC xrd-pc:22}
     * @param compareWith where a person checks a fingerprint, e.g. {@code the one the cluster's administrators
     *                    publish}
     * @param rejection   receives why a key was refused
     */
    public StrictKnownHostsVerifier(Path file, String what, String compareWith, AtomicReference<String> rejection) {
        super(RejectAllServerKeyVerifier.INSTANCE, file);
        this.what = what;
        this.compareWith = compareWith;
        this.rejection = rejection;
    }

    @Override
    protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
        boolean accepted = super.acceptUnknownHostKey(session, remote, key);
        if (!accepted) {
            rejection.compareAndSet(null, "host key of " + what + " is not in known-hosts file " + getPath()
                    + " (the server offered " + describe(key) + "); compare that fingerprint with " + compareWith
                    + " and add the key to the file. Connection refused");
        }
        return accepted;
    }

    @Override
    public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
            PublicKey expected, PublicKey actual) {
        rejection.set("host key of " + what + " does not match known-hosts file " + getPath() + ": the file has "
                + describe(expected) + ", the server offered " + describe(actual) + ". If the machine was reinstalled,"
                + " replace the entry after checking the new fingerprint with " + compareWith + "; otherwise someone"
                + " may be intercepting the connection. Connection refused");
        return false;
    }

    @Override
    protected void handleRevokedKey(ClientSession session, SocketAddress remote, PublicKey key) {
        rejection.set("host key of " + what + " (" + describe(key) + ") is marked @revoked in known-hosts file "
                + getPath() + ". Connection refused");
    }

    @Override
    protected boolean acceptIncompleteHostKeys(ClientSession session, SocketAddress remote, PublicKey key,
            Throwable reason) {
        rejection.set("known-hosts file " + getPath() + " cannot be read (" + reason.getMessage() + "), so the host"
                + " key of " + what + " cannot be checked. Connection refused");
        return false;
    }

    private static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }
}
