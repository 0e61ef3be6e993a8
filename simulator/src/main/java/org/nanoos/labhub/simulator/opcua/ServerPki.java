package org.nanoos.labhub.simulator.opcua;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateManager;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.KeyStoreCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's PKI directory, in the layout Milo's file-based trust list uses:
 *
 * <pre>
 * pki/own/labhub-simulator-server.pfx   PKCS#12 key store: the application certificate and its private key
 * pki/own/certs/labhub-simulator-server.der  the application certificate, for clients to trust
 * pki/trusted/certs, pki/trusted/crl     trusted client certificates (and CRLs)
 * pki/issuer/certs, pki/issuer/crl       CA certificates that issue client certificates (and CRLs)
 * pki/rejected/certs                     client certificates the server refused
 * </pre>
 *
 * The self-signed RSA/SHA-256 application certificate is made on first start and kept.
 */
final class ServerPki implements AutoCloseable {

    /** Key store of the application certificate, relative to the PKI directory. */
    static final String KEY_STORE = "own/labhub-simulator-server.pfx";
    /** DER copy of the application certificate, relative to the PKI directory. */
    static final String CERTIFICATE = "own/certs/labhub-simulator-server.der";
    /** Trusted client certificates, relative to the PKI directory. */
    static final String TRUSTED_CERTS = "trusted/certs";
    /** Rejected client certificates, relative to the PKI directory. */
    static final String REJECTED_CERTS = "rejected/certs";
    /** Prefix of the application URI written into a new certificate. */
    static final String APPLICATION_URI_PREFIX = "urn:nanoos:labhub:simulator:server:";

    private static final Logger LOG = LoggerFactory.getLogger(ServerPki.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final FileBasedTrustListManager trustList;
    private final KeyStoreCertificateStore keyStore;
    private final DefaultCertificateManager certificateManager;
    private final X509Certificate certificate;
    private final String applicationUri;

    private ServerPki(FileBasedTrustListManager trustList, KeyStoreCertificateStore keyStore,
                      DefaultCertificateManager certificateManager, X509Certificate certificate,
                      String applicationUri) {
        this.trustList = trustList;
        this.keyStore = keyStore;
        this.certificateManager = certificateManager;
        this.certificate = certificate;
        this.applicationUri = applicationUri;
    }

    /** Opens (and on first use creates) the PKI directory of the options. */
    static ServerPki open(OpcUaServerOptions options) throws Exception {
        Path dir = options.pkiDir().toAbsolutePath();
        Files.createDirectories(dir.resolve(KEY_STORE).getParent());
        Files.createDirectories(dir.resolve(CERTIFICATE).getParent());
        FileBasedTrustListManager trustList = FileBasedTrustListManager.createAndInitialize(dir);
        KeyStoreCertificateStore keyStore = null;
        try {
            FileBasedCertificateQuarantine quarantine = FileBasedCertificateQuarantine.create(dir.resolve(REJECTED_CERTS));
            String password = options.keyStorePassword();
            keyStore = KeyStoreCertificateStore.createAndInitialize(new KeyStoreCertificateStore.Settings(
                    dir.resolve(KEY_STORE), password::toCharArray, alias -> password.toCharArray()));
            CertificateValidator validator = options.trustAllClients()
                    ? new TrustAllClients()
                    : new DefaultServerCertificateValidator(trustList, quarantine);
            DefaultApplicationGroup group = DefaultApplicationGroup.createAndInitialize(trustList, keyStore,
                    new SelfSigned(options.bindAddress()), validator);
            X509Certificate certificate = group.getCertificateChain(NodeIds.RsaSha256ApplicationCertificateType)
                    .orElseThrow(() -> new IllegalStateException("no application certificate in " + KEY_STORE))[0];
            String applicationUri = CertificateUtil.getSanUri(certificate)
                    .orElseThrow(() -> new IllegalStateException("the application certificate in " + KEY_STORE
                            + " has no application URI"));
            writeDer(certificate, dir.resolve(CERTIFICATE));
            return new ServerPki(trustList, keyStore, new DefaultCertificateManager(quarantine, group), certificate,
                    applicationUri);
        } catch (Exception e) {
            closeQuietly(trustList, keyStore);
            throw e;
        }
    }

    /** The certificate manager for Milo's server configuration. */
    CertificateManager certificateManager() {
        return certificateManager;
    }

    /** The application certificate. */
    X509Certificate certificate() {
        return certificate;
    }

    /** The application URI, from the certificate's subject alternative name. */
    String applicationUri() {
        return applicationUri;
    }

    /** Stops watching the trust list. */
    @Override
    public void close() {
        closeQuietly(trustList, keyStore);
    }

    private static void writeDer(X509Certificate certificate, Path file) throws IOException,
            CertificateEncodingException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, certificate.getEncoded());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void closeQuietly(FileBasedTrustListManager trustList, KeyStoreCertificateStore keyStore) {
        try {
            trustList.close();
        } catch (IOException e) {
            LOG.debug("closing the trust list: {}", e.toString());
        }
        if (keyStore != null) {
            try {
                keyStore.close();
            } catch (IOException e) {
                LOG.debug("closing the key store: {}", e.toString());
            }
        }
    }

    /** Makes the self-signed application certificate when the key store has none. */
    private static final class SelfSigned extends RsaSha256CertificateFactory {

        private final String bindAddress;

        SelfSigned(String bindAddress) {
            this.bindAddress = bindAddress;
        }

        @Override
        protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
            String applicationUri = APPLICATION_URI_PREFIX + UUID.randomUUID();
            SelfSignedCertificateBuilder builder = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("Lab Hub simulator OPC UA server")
                    .setOrganization("nanoos")
                    .setOrganizationalUnit("labhub")
                    .setApplicationUri(applicationUri);
            Set<String> hostnames = hostnames(bindAddress);
            for (String name : hostnames) {
                if (IPV4.matcher(name).matches() || name.contains(":")) {
                    builder.addIpAddress(name);
                } else {
                    builder.addDnsName(name);
                }
            }
            X509Certificate certificate = builder.build();
            LOG.info("made a self-signed application certificate for {} ({})", applicationUri, hostnames);
            return new X509Certificate[] {certificate};
        }

        private static Set<String> hostnames(String bindAddress) {
            Set<String> names = new LinkedHashSet<>();
            names.add("localhost");
            names.add("127.0.0.1");
            names.add(HostnameUtil.getHostname());
            if (isWildcard(bindAddress)) {
                names.addAll(HostnameUtil.getHostnames(bindAddress, false, false));
            } else {
                names.add(bindAddress);
            }
            return names;
        }
    }

    /** Whether the address binds all interfaces. */
    static boolean isWildcard(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Accepts every client certificate: {@code trustAllClients}, for demos. */
    private static final class TrustAllClients implements CertificateValidator {
        @Override
        public void validateCertificateChain(List<X509Certificate> chain, String applicationUri,
                                             String[] validHostnames) {
            if (LOG.isDebugEnabled() && !chain.isEmpty()) {
                LOG.debug("trusting client certificate {} without checking (trustAllClients)",
                        chain.get(0).getSubjectX500Principal());
            }
        }
    }
}
