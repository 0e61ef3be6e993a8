package org.nanoos.labhub.simulator.opcua;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's OPC UA server (Eclipse Milo 1.0 SDK): serves simulated instruments under {@code Objects/Lab} in
 * the namespace {@value #NAMESPACE_URI}, at {@code opc.tcp://<bind address>:<port>} (no path).
 *
 * <p>Node ids are strings that read like paths, in that namespace: {@code Lab}, {@code Lab/<id>} (a folder per
 * instrument), {@code Lab/<id>/Status}, {@code Lab/<id>/Progress}, {@code Lab/<id>/RunId}, the instrument's own
 * variables such as {@code Lab/TS-1/Temperature} or {@code Lab/XRD-1/Pattern/TwoTheta}, a variable's engineering
 * units at {@code Lab/<id>/<variable>.EngineeringUnits}, and the methods {@code Lab/<id>/StartExperiment} and
 * {@code Lab/<id>/AbortExperiment} (called on the object {@code Lab/<id>}).
 *
 * <p>{@link #start()} binds and serves, {@link #close()} unbinds and detaches the instruments; a closed server can
 * be started again, on the same port with the same PKI directory and certificate. See {@link OpcUaServerOptions}
 * for security.
 *
 * <pre>{@code
 * var stage = new TemperatureStageInstrument("TS-1");
 * try (var server = new SimulatorOpcUaServer(OpcUaServerOptions.defaults(Path.of("pki")), List.of(stage)).start()) {
 *     // uaexpert or any client: opc.tcp://127.0.0.1:4840, Basic256Sha256, after trusting each other's certificates
 * }
 * }</pre>
 */
public final class SimulatorOpcUaServer implements AutoCloseable {

    /** Namespace URI of the instruments' nodes; resolve its index from the server's namespace array. */
    public static final String NAMESPACE_URI = "urn:nanoos:labhub:simulator";
    /** Browse name and node id of the folder of all instruments. */
    public static final String ROOT_FOLDER = "Lab";
    /** Browse name of the method that starts an experiment. */
    public static final String START_EXPERIMENT = "StartExperiment";
    /** Browse name of the method that aborts the running experiment. */
    public static final String ABORT_EXPERIMENT = "AbortExperiment";
    /** Product URI in the server's build info. */
    public static final String PRODUCT_URI = "urn:nanoos:labhub:simulator:opcua";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorOpcUaServer.class);

    private final OpcUaServerOptions options;
    private final List<SimulatedOpcUaInstrument> instruments;
    private final Map<String, Supplier<String>> runIds;

    private ServerPki pki;
    private OpcUaServer server;
    private LabNamespace namespace;
    private X509Certificate certificate;
    private String applicationUri;

    /**
     * A server for the instruments; nothing is bound until {@link #start()}.
     *
     * @throws IllegalArgumentException if two instruments share an id, or an instrument's variables clash
     */
    public SimulatorOpcUaServer(OpcUaServerOptions options, List<? extends SimulatedOpcUaInstrument> instruments) {
        this.options = Objects.requireNonNull(options, "options");
        LabNamespace.validate(instruments);
        this.instruments = List.copyOf(instruments);
        String session = Long.toString(System.currentTimeMillis(), 36);
        Map<String, Supplier<String>> ids = new ConcurrentHashMap<>();
        for (SimulatedOpcUaInstrument instrument : this.instruments) {
            AtomicLong counter = new AtomicLong();
            String prefix = instrument.id() + "-" + session + "-";
            ids.put(instrument.id(), () -> prefix + counter.incrementAndGet());
        }
        this.runIds = Map.copyOf(ids);
    }

    /**
     * Node id string (in {@value #NAMESPACE_URI}) of an instrument's variable, method or sub-folder, e.g.
     * {@code nodePath("XRD-1", "Pattern/TwoTheta")} is {@code Lab/XRD-1/Pattern/TwoTheta}.
     */
    public static String nodePath(String instrumentId, String name) {
        return ROOT_FOLDER + "/" + instrumentId + "/" + name;
    }

    /**
     * Binds and starts serving, then attaches the instruments. Makes the PKI directory and the application
     * certificate on first use.
     *
     * @return this server
     * @throws IllegalStateException if already running
     * @throws OpcUaServerException  if the server cannot start (port taken, unusable PKI directory, …)
     */
    public synchronized SimulatorOpcUaServer start() {
        if (server != null) {
            throw new IllegalStateException("OPC UA server is already running at " + endpointUrl());
        }
        try {
            BouncyCastleRegistration.ensureRegistered();
            pki = ServerPki.open(options);
            certificate = pki.certificate();
            applicationUri = pki.applicationUri();
            OpcUaServerConfig config = OpcUaServerConfig.builder()
                    .setApplicationUri(applicationUri)
                    .setApplicationName(LocalizedText.english("Lab Hub simulator"))
                    .setProductUri(PRODUCT_URI)
                    .setBuildInfo(new BuildInfo(PRODUCT_URI, "nanoos", "Lab Hub simulator OPC UA server",
                            OpcUaServer.SDK_VERSION, "", DateTime.now()))
                    .setEndpoints(endpoints())
                    .setCertificateManager(pki.certificateManager())
                    .setIdentityValidator(identityValidator())
                    .build();
            server = new OpcUaServer(config, profile -> profile == TransportProfile.TCP_UASC_UABINARY
                    ? new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build())
                    : null);
            namespace = new LabNamespace(server, instruments, runIds);
            namespace.startup();
            try {
                server.startup().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("no endpoint could be bound; is port " + options.port()
                        + " on " + options.bindAddress() + " in use?", e.getCause());
            }
            if (server.getBoundEndpoints().size() < config.getEndpoints().size()) {
                throw new IllegalStateException("only " + server.getBoundEndpoints().size() + " of "
                        + config.getEndpoints().size() + " endpoints could be bound");
            }
            for (SimulatedOpcUaInstrument instrument : instruments) {
                instrument.attach(namespace.sink(instrument.id()));
            }
        } catch (Exception e) {
            stop();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new OpcUaServerException("cannot start the OPC UA server on " + options.bindAddress() + ":"
                    + options.port() + " with PKI directory " + options.pkiDir() + ": " + e.getMessage(), e);
        }
        LOG.info("OPC UA server at {} ({}), security policies {} (secure ones with {}), instruments {}",
                endpointUrl(), applicationUri, options.securityPolicies(), options.securityModes(),
                instruments.stream().map(SimulatedOpcUaInstrument::id).toList());
        return this;
    }

    /** Detaches the instruments and unbinds; does nothing if not running. */
    @Override
    public synchronized void close() {
        if (server != null) {
            stop();
            LOG.info("OPC UA server at {} stopped", endpointUrl());
        }
    }

    /** Whether the server is bound and serving. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The options. */
    public OpcUaServerOptions options() {
        return options;
    }

    /** The instruments, in the order given. */
    public List<SimulatedOpcUaInstrument> instruments() {
        return instruments;
    }

    /**
     * Endpoint URL for clients: {@code opc.tcp://<bind address>:<port>}, or the host name when bound to all
     * interfaces.
     */
    public String endpointUrl() {
        String host = ServerPki.isWildcard(options.bindAddress()) ? HostnameUtil.getHostname()
                : options.bindAddress();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "opc.tcp://" + host + ":" + options.port();
    }

    /**
     * The application certificate, known once the server has started (it stays the same across restarts).
     *
     * @throws IllegalStateException if the server never started
     */
    public synchronized X509Certificate certificate() {
        if (certificate == null) {
            throw new IllegalStateException("the certificate is known once the server has started");
        }
        return certificate;
    }

    /**
     * The application URI (from the certificate), known once the server has started.
     *
     * @throws IllegalStateException if the server never started
     */
    public synchronized String applicationUri() {
        if (applicationUri == null) {
            throw new IllegalStateException("the application URI is known once the server has started");
        }
        return applicationUri;
    }

    /** DER file of the application certificate, for clients to put in their trust list. */
    public Path certificateFile() {
        return options.pkiDir().resolve(ServerPki.CERTIFICATE);
    }

    /** Directory of trusted client certificates (DER files); changes apply while the server runs. */
    public Path trustedCertificatesDir() {
        return options.pkiDir().resolve(ServerPki.TRUSTED_CERTS);
    }

    /** Directory where the server puts client certificates it rejected. */
    public Path rejectedCertificatesDir() {
        return options.pkiDir().resolve(ServerPki.REJECTED_CERTS);
    }

    private Set<EndpointConfig> endpoints() {
        Set<String> hostnames = new LinkedHashSet<>();
        if (ServerPki.isWildcard(options.bindAddress())) {
            hostnames.add(HostnameUtil.getHostname());
            hostnames.addAll(HostnameUtil.getHostnames(options.bindAddress(), true, false));
        } else {
            hostnames.add(options.bindAddress());
        }
        List<SecurityPolicy> policies = new ArrayList<>();
        List<MessageSecurityMode> modes = new ArrayList<>();
        for (SecurityPolicy policy : options.securityPolicies()) {
            if (policy == SecurityPolicy.None) {
                policies.add(policy);
                modes.add(MessageSecurityMode.None);
            } else {
                for (MessageSecurityMode mode : options.securityModes()) {
                    policies.add(policy);
                    modes.add(mode);
                }
            }
        }

        Set<EndpointConfig> endpoints = new LinkedHashSet<>();
        for (String hostname : hostnames) {
            EndpointConfig.Builder base = EndpointConfig.newBuilder()
                    .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                    .setBindAddress(options.bindAddress())
                    .setBindPort(options.port())
                    .setHostname(hostname)
                    .setPath("")
                    .setCertificate(certificate)
                    .addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
            if (options.hasUser()) {
                base.addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
            }
            for (int i = 0; i < policies.size(); i++) {
                endpoints.add(base.copy().setSecurityPolicy(policies.get(i)).setSecurityMode(modes.get(i)).build());
            }
        }
        return endpoints;
    }

    private IdentityValidator identityValidator() {
        if (!options.hasUser()) {
            return AnonymousIdentityValidator.INSTANCE;
        }
        byte[] user = options.username().getBytes(StandardCharsets.UTF_8);
        byte[] secret = options.password().getBytes(StandardCharsets.UTF_8);
        UsernameIdentityValidator usernames = new UsernameIdentityValidator(challenge ->
                challenge.getUsername() != null && challenge.getPassword() != null
                        && MessageDigest.isEqual(user, challenge.getUsername().getBytes(StandardCharsets.UTF_8))
                        && MessageDigest.isEqual(secret, challenge.getPassword().getBytes(StandardCharsets.UTF_8)));
        return new CompositeValidator(AnonymousIdentityValidator.INSTANCE, usernames);
    }

    private void stop() {
        for (SimulatedOpcUaInstrument instrument : instruments) {
            try {
                instrument.detach();
            } catch (RuntimeException e) {
                LOG.warn("detaching {}: {}", instrument.id(), e.toString());
            }
        }
        if (namespace != null) {
            try {
                namespace.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("shutting down the namespace: {}", e.toString());
            }
            namespace = null;
        }
        if (server != null) {
            try {
                server.shutdown().get();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("shutting down the OPC UA server: {}", e.toString());
            }
            server = null;
        }
        if (pki != null) {
            pki.close();
            pki = null;
        }
    }
}
