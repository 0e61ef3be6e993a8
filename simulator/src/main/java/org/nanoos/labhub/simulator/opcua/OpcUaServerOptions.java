package org.nanoos.labhub.simulator.opcua;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;

/**
 * How to run the simulator's OPC UA server: where to listen, where its PKI lives and which security it offers.
 * Start from {@link #defaults(Path)} or {@link #builder(Path)}. {@link #toString()} never shows a password.
 *
 * <p>Security: by default Basic256Sha256, with Sign and with SignAndEncrypt; {@code allowNone} adds SecurityPolicy
 * None, and {@code securityPolicies} sets exactly which policies are offered — each secure one with the
 * {@code securityModes} (Sign and SignAndEncrypt unless set), None with mode None — so a server can also offer only
 * None, as an old instrument PC might, or only Aes256_Sha256_RsaPss with SignAndEncrypt, as a strict one might. A
 * client's certificate is accepted when it lies in {@code <pkiDir>/trusted/certs} (or always, with
 * {@code trustAllClients}); a rejected one is copied to {@code <pkiDir>/rejected/certs}, from where an operator moves
 * it to {@code trusted/certs} to trust it. Anonymous users are allowed; a username/password user is offered in
 * addition when both are given.
 *
 * @param bindAddress      address the server binds, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port             TCP port, 1–65535 (Milo cannot bind port 0)
 * @param pkiDir           directory of the server's own certificate and key store, trust list and rejected list
 * @param securityPolicies the security policies offered, at least one of {@link #SUPPORTED_SECURITY_POLICIES}
 * @param securityModes    the message security modes each secure policy is offered with: Sign, SignAndEncrypt or both
 * @param trustAllClients  accept any client certificate, for demos; default false
 * @param username         optional user name of a username/password identity; null for anonymous only
 * @param password         password of {@code username}; null when {@code username} is null
 * @param keyStorePassword password of the PKCS#12 key store that holds the application certificate's private key
 */
public record OpcUaServerOptions(String bindAddress, int port, Path pkiDir, Set<SecurityPolicy> securityPolicies,
                                 Set<MessageSecurityMode> securityModes, boolean trustAllClients, String username,
                                 String password, String keyStorePassword) {

    /** Bind address of the default options: loopback only. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** Port of the default options, the IANA port of OPC UA TCP. */
    public static final int DEFAULT_PORT = 4840;
    /**
     * Password of the key store of the default options. The key store holds a self-signed demo certificate; set your
     * own (e.g. from the environment) where that matters.
     */
    public static final String DEFAULT_KEY_STORE_PASSWORD = "labhub-simulator";
    /**
     * The security policies the server can offer: not the deprecated ones. Aes256_Sha256_RsaPss works through
     * BouncyCastle's JCE provider, which the server registers when it starts.
     */
    public static final Set<SecurityPolicy> SUPPORTED_SECURITY_POLICIES = Collections.unmodifiableSet(EnumSet.of(
            SecurityPolicy.None, SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes128_Sha256_RsaOaep,
            SecurityPolicy.Aes256_Sha256_RsaPss));
    /** The message security modes a secure policy can be offered with. */
    public static final Set<MessageSecurityMode> SECURE_MODES = Collections.unmodifiableSet(EnumSet.of(
            MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt));

    /**
     * Checks that nothing required is missing, that the port can be bound, that a user has a password and that the
     * security policies and modes are supported; keeps the policies and modes in a fixed order.
     */
    public OpcUaServerOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(pkiDir, "pkiDir");
        Objects.requireNonNull(securityPolicies, "securityPolicies");
        Objects.requireNonNull(securityModes, "securityModes");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        if (securityPolicies.isEmpty()) {
            throw new IllegalArgumentException("at least one security policy must be offered");
        }
        if (!SUPPORTED_SECURITY_POLICIES.containsAll(securityPolicies)) {
            throw new IllegalArgumentException("security policies " + SUPPORTED_SECURITY_POLICIES
                    + " are supported, not " + securityPolicies);
        }
        securityPolicies = Collections.unmodifiableSet(EnumSet.copyOf(securityPolicies));
        if (securityModes.isEmpty() || !SECURE_MODES.containsAll(securityModes)) {
            throw new IllegalArgumentException("secure policies are offered with one or both of " + SECURE_MODES
                    + ", not " + securityModes);
        }
        securityModes = Collections.unmodifiableSet(EnumSet.copyOf(securityModes));
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bind address must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535 (Milo cannot bind port 0), was " + port);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password go together: give both or neither");
        }
        if (username != null && username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
    }

    /** Defaults: {@code 127.0.0.1:4840}, Basic256Sha256 only, trusted clients only, anonymous users only. */
    public static OpcUaServerOptions defaults(Path pkiDir) {
        return builder(pkiDir).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder(Path pkiDir) {
        return new Builder(pkiDir);
    }

    /** Whether SecurityPolicy None is offered. */
    public boolean allowNone() {
        return securityPolicies.contains(SecurityPolicy.None);
    }

    /** Whether a username/password identity is configured. */
    public boolean hasUser() {
        return username != null;
    }

    /** The options with passwords masked. */
    @Override
    public String toString() {
        return "OpcUaServerOptions[bindAddress=" + bindAddress + ", port=" + port + ", pkiDir=" + pkiDir
                + ", securityPolicies=" + securityPolicies + ", securityModes=" + securityModes
                + ", trustAllClients=" + trustAllClients
                + ", username=" + username + ", password=" + (password == null ? "null" : "****")
                + ", keyStorePassword=****]";
    }

    /** Builds {@link OpcUaServerOptions}. */
    public static final class Builder {
        private final Path pkiDir;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int port = DEFAULT_PORT;
        private final Set<SecurityPolicy> securityPolicies = EnumSet.of(SecurityPolicy.Basic256Sha256);
        private final Set<MessageSecurityMode> securityModes = EnumSet.copyOf(SECURE_MODES);
        private boolean trustAllClients;
        private String username;
        private String password;
        private String keyStorePassword = DEFAULT_KEY_STORE_PASSWORD;

        private Builder(Path pkiDir) {
            this.pkiDir = Objects.requireNonNull(pkiDir, "pkiDir");
        }

        /** Address to bind, e.g. {@code 0.0.0.0} for all interfaces. */
        public Builder bindAddress(String value) {
            this.bindAddress = value;
            return this;
        }

        /** TCP port, 1–65535. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Also offer SecurityPolicy None (true), or stop offering it (false). */
        public Builder allowNone(boolean value) {
            if (value) {
                securityPolicies.add(SecurityPolicy.None);
            } else {
                securityPolicies.remove(SecurityPolicy.None);
            }
            return this;
        }

        /**
         * Exactly the security policies to offer, e.g. {@code Set.of(SecurityPolicy.None)} for a server without any
         * security; replaces the default Basic256Sha256 and what {@link #allowNone} set before.
         */
        public Builder securityPolicies(Set<SecurityPolicy> value) {
            securityPolicies.clear();
            securityPolicies.addAll(value);
            return this;
        }

        /**
         * The message security modes each secure policy is offered with, e.g.
         * {@code Set.of(MessageSecurityMode.SignAndEncrypt)} for a server that encrypts everything; replaces the
         * default Sign and SignAndEncrypt. SecurityPolicy None is always offered with mode None.
         */
        public Builder securityModes(Set<MessageSecurityMode> value) {
            securityModes.clear();
            securityModes.addAll(value);
            return this;
        }

        /** Accept any client certificate (demos only). */
        public Builder trustAllClients(boolean value) {
            this.trustAllClients = value;
            return this;
        }

        /** A username/password identity besides anonymous; both null for anonymous only. */
        public Builder user(String name, String secret) {
            this.username = name;
            this.password = secret;
            return this;
        }

        /** Password of the PKCS#12 key store in {@code <pkiDir>/own}. */
        public Builder keyStorePassword(String value) {
            this.keyStorePassword = value;
            return this;
        }

        /** The options. */
        public OpcUaServerOptions build() {
            return new OpcUaServerOptions(bindAddress, port, pkiDir, securityPolicies, securityModes, trustAllClients,
                    username, password, keyStorePassword);
        }
    }
}
