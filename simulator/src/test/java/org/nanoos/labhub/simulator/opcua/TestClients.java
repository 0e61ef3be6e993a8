package org.nanoos.labhub.simulator.opcua;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/** Real Milo clients for the tests, with their own certificates, trusting the server's certificate. */
final class TestClients {

    private TestClients() {
    }

    /** A free TCP port on the loopback interface (Milo cannot bind port 0). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connected client on the given security, anonymous. */
    static OpcUaClient connect(SimulatorOpcUaServer server, SecurityPolicy policy, MessageSecurityMode mode,
                               ClientCertificate certificate) throws UaException {
        return connect(server, policy, mode, certificate, new AnonymousProvider());
    }

    /** A connected client on the given security and identity. */
    static OpcUaClient connect(SimulatorOpcUaServer server, SecurityPolicy policy, MessageSecurityMode mode,
                               ClientCertificate certificate, IdentityProvider identity) throws UaException {
        MemoryTrustListManager trustList = new MemoryTrustListManager();
        trustList.addTrustedCertificate(server.certificate());
        OpcUaClient client = OpcUaClient.create(server.endpointUrl(),
                endpoints -> endpoints.stream()
                        .filter(e -> policy.getUri().equals(e.getSecurityPolicyUri()))
                        .filter(e -> e.getSecurityMode() == mode)
                        .findFirst(),
                transport -> { },
                config -> {
                    config.setApplicationName(LocalizedText.english("labhub simulator test client"))
                            .setApplicationUri(certificate.applicationUri())
                            .setKeyPair(certificate.keyPair())
                            .setCertificate(certificate.certificate())
                            .setCertificateChain(new X509Certificate[] {certificate.certificate()})
                            .setCertificateValidator(new DefaultClientCertificateValidator(trustList,
                                    new MemoryCertificateQuarantine()))
                            .setIdentityProvider(identity);
                });
        try {
            return client.connect();
        } catch (UaException e) {
            client.disconnectAsync();
            throw e;
        }
    }

    /** The node id of a path such as {@code Lab/TS-1/Temperature} in the simulator's namespace. */
    static NodeId node(OpcUaClient client, String path) {
        UShort index = client.getNamespaceTable().getIndex(SimulatorOpcUaServer.NAMESPACE_URI);
        return new NodeId(Objects.requireNonNull(index, "namespace not on the server"), path);
    }

    /** Disconnects, ignoring a server that is already gone. */
    static void disconnect(OpcUaClient client) {
        if (client != null) {
            try {
                client.disconnect();
            } catch (UaException e) {
                // the server may be closed already
            }
        }
    }

    /**
     * A client application certificate, self-signed, with its key.
     *
     * @param keyPair        RSA key pair
     * @param certificate    the certificate
     * @param applicationUri the client's application URI, also in the certificate
     */
    record ClientCertificate(KeyPair keyPair, X509Certificate certificate, String applicationUri) {

        /** A new 2048-bit RSA key and certificate. */
        static ClientCertificate generate(String name) {
            try {
                KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
                String uri = "urn:nanoos:labhub:test-client:" + name + ":" + UUID.randomUUID();
                X509Certificate certificate = new SelfSignedCertificateBuilder(keyPair)
                        .setCommonName(name)
                        .setOrganization("nanoos")
                        .setApplicationUri(uri)
                        .addDnsName("localhost")
                        .build();
                return new ClientCertificate(keyPair, certificate, uri);
            } catch (Exception e) {
                throw new IllegalStateException("cannot make a client certificate", e);
            }
        }

        /** Writes the certificate as DER into {@code dir}, as an operator would drop it into a trust list. */
        Path writeDer(Path dir, String fileName) throws Exception {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(fileName), certificate.getEncoded());
        }

        /** DER files in {@code dir} that hold this certificate. */
        List<Path> findIn(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            byte[] encoded;
            try {
                encoded = certificate.getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            try (var files = Files.list(dir)) {
                return files.filter(f -> {
                    try {
                        return Arrays.equals(Files.readAllBytes(f), encoded);
                    } catch (IOException e) {
                        return false;
                    }
                }).toList();
            }
        }
    }
}
