package org.nanoos.labhub.connectors.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's OPC UA application instance certificate: made once (self-signed RSA-2048, SHA-256) and kept in a
 * PKCS#12 key store under the hub's data directory, with the certificate also written as DER for instrument
 * servers to trust (copy it into the server's trusted-certificates directory). The key store password comes from
 * {@code LABHUB_OPCUA_KEYSTORE_PASSWORD}, or is generated and kept beside the key store, readable by the owner only.
 */
public final class OpcUaClientIdentity {

    /** Application URI in the certificate and in the hub's OPC UA sessions. */
    public static final String APPLICATION_URI = "urn:nanoos:labhub:hub";
    /** Alias of the key in the key store. */
    public static final String ALIAS = "labhub-client";

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaClientIdentity.class);

    private final Path keyStore;
    private final Path certificateFile;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final String password;

    private OpcUaClientIdentity(Path keyStore, Path certificateFile, X509Certificate certificate, PrivateKey key,
            String password) {
        this.keyStore = keyStore;
        this.key = key;
        this.certificateFile = certificateFile;
        this.certificate = certificate;
        this.password = password;
    }

    /**
     * Loads the identity from {@code directory}, making it on first use.
     *
     * @param password the key store password, or blank to use (or make) the one kept in the directory
     */
    public static OpcUaClientIdentity loadOrCreate(Path directory, String password)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        Path store = directory.resolve("labhub-client.pfx");
        Path der = directory.resolve("labhub-client.der");
        String secret = password == null || password.isBlank() ? keptPassword(directory.resolve("keystore-password"))
                : password;
        if (!Files.isRegularFile(store)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X509Certificate cert;
            try {
                cert = new SelfSignedCertificateBuilder(pair)
                        .setCommonName("Lab Hub")
                        .setOrganization("nanoos")
                        .setOrganizationalUnit("labhub")
                        .setApplicationUri(APPLICATION_URI)
                        .addDnsName("localhost")
                        .build();
            } catch (GeneralSecurityException e) {
                throw e;
            } catch (Exception e) {
                throw new GeneralSecurityException("cannot make the hub's OPC UA certificate", e);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, pair.getPrivate(), secret.toCharArray(), new X509Certificate[] {cert});
            Path tmp = Files.createTempFile(directory, "labhub-client", ".tmp");
            restrict(tmp);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, secret.toCharArray());
            }
            Files.move(tmp, store, StandardCopyOption.ATOMIC_MOVE);
            Files.write(der, cert.getEncoded());
            LOG.info("Made the hub's OPC UA certificate {}: copy it into each instrument server's trusted certificates",
                    der.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, secret.toCharArray());
            if (!ks.isKeyEntry(ALIAS)) {
                throw new GeneralSecurityException(store + " holds no key '" + ALIAS + "'");
            }
            X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
            return new OpcUaClientIdentity(store, der, cert, (PrivateKey) ks.getKey(ALIAS, secret.toCharArray()),
                    secret);
        }
    }

    private static String keptPassword(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Path tmp = Files.createTempFile(file.getParent(), "keystore-password", ".tmp");
            restrict(tmp);
            Files.writeString(tmp, HexFormat.of().formatHex(random));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return Files.readString(file).trim();
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warn("Cannot restrict the permissions of {} on this file system", file);
        }
    }

    /** The key store as a URL for camel-milo's {@code keyStoreUrl}. */
    public String keyStoreUrl() {
        return keyStore.toUri().toString();
    }

    /** The certificate (DER) to put in instrument servers' trust lists. */
    public Path certificateFile() {
        return certificateFile;
    }

    /** The hub's application certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate's key pair, for clients the hub builds itself. */
    public KeyPair keyPair() {
        return new KeyPair(certificate.getPublicKey(), key);
    }

    /** The key store (and key) password; never log it. */
    public String password() {
        return password;
    }
}
