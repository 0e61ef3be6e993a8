package org.nanoos.labhub.hub;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.PropertyInject;
import org.apache.camel.Service;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import org.nanoos.labhub.hub.api.AnalysisResultsApi;
import org.nanoos.labhub.hub.api.ApiTokenAuthenticator;
import org.nanoos.labhub.hub.api.ExperimentApi;
import org.nanoos.labhub.hub.api.JobApi;
import org.nanoos.labhub.connectors.jobs.ExecutionProfile;
import org.nanoos.labhub.connectors.jobs.JobRepository;
import org.nanoos.labhub.connectors.jobs.JobService;
import org.nanoos.labhub.connectors.jobs.LatticeJobTrigger;
import org.nanoos.labhub.connectors.jobs.LocalExecutor;
import org.nanoos.labhub.connectors.slurm.SlurmExecutor;
import org.nanoos.labhub.connectors.slurm.SlurmExecutorConfig;
import org.nanoos.labhub.hub.api.InstrumentApi;
import org.nanoos.labhub.hub.api.ProblemResponder;
import org.nanoos.labhub.processors.instruments.InstrumentRepository;
import org.nanoos.labhub.connectors.mqtt.InstrumentTopicFilter;
import org.nanoos.labhub.connectors.opcua.OpcUaClientIdentity;
import org.nanoos.labhub.connectors.opcua.OpcUaExperimentDriver;
import org.nanoos.labhub.connectors.opcua.OpcUaNormalizeProcessor;
import org.nanoos.labhub.connectors.opcua.OpcUaSessions;
import org.nanoos.labhub.connectors.opcua.OpcUaSubscriptionComponent;
import org.nanoos.labhub.processors.analysis.AnalysisService;
import org.nanoos.labhub.processors.experiments.ExperimentDriver;
import org.nanoos.labhub.processors.experiments.ExperimentRepository;
import org.nanoos.labhub.processors.experiments.ExperimentService;
import org.nanoos.labhub.connectors.opcua.OpcUaSeriesProcessor;
import org.nanoos.labhub.connectors.opcua.SecureMiloClientComponent;
import org.nanoos.labhub.connectors.rest.RestExperimentDriver;
import org.nanoos.labhub.connectors.ssh.SshExperimentDriver;
import org.nanoos.labhub.connectors.ssh.SshResultCollector;
import org.nanoos.labhub.connectors.mqtt.MqttExperimentDriver;
import org.nanoos.labhub.connectors.mqtt.MqttIngestClient;
import org.nanoos.labhub.connectors.mqtt.MqttNormalizeProcessor;
import org.nanoos.labhub.processors.normalize.MeasurementNormalizer;
import org.nanoos.labhub.processors.store.BatchingWriter;
import org.nanoos.labhub.processors.store.DeadLetterProcessor;
import org.nanoos.labhub.processors.store.MeasurementStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the hub before its routes start: the database (embedded PostgreSQL when {@code labhub.db.url} is empty)
 * migrated by Flyway from {@code schema/}, the MQTT broker (embedded when {@code labhub.mqtt.url} is empty), the
 * hub's OPC UA identity and its {@code milo-client} and {@code opcua-subscription} components, and the beans the YAML routes refer to by name
 * ({@code mqttIngestClient}, {@code mqttNormalizer}, {@code instrumentTopicFilter}, {@code deadLetterProcessor},
 * {@code batchingWriter}, {@code opcuaNormalizer}, {@code opcuaSeries}, {@code sshResults}, {@code instrumentApi}, {@code experimentApi}, {@code experimentService},
 * {@code apiAuthenticator}, {@code problemResponder}, {@code dataSource}). In demo mode the simulated instruments
 * start once the routes run.
 *
 * <p>Everything with a lifecycle is a Camel service, stopped after the routes in reverse order: the writer
 * flushes, the MQTT client disconnects (its session stays on the broker), then the broker and the database stop.
 */
public final class HubConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HubConfiguration.class);

    @PropertyInject(value = "labhub.data-dir", defaultValue = "data")
    private String dataDir;

    @PropertyInject(value = "labhub.db.url", defaultValue = "")
    private String dbUrl;
    @PropertyInject(value = "labhub.db.user", defaultValue = "labhub")
    private String dbUser;
    @PropertyInject(value = "labhub.db.password", defaultValue = "")
    private String dbPassword;
    @PropertyInject(value = "labhub.db.pool-size", defaultValue = "8")
    private int dbPoolSize;
    @PropertyInject(value = "labhub.db.embedded-port", defaultValue = "5433")
    private int embeddedDbPort;
    @PropertyInject(value = "labhub.db.migrations", defaultValue = "filesystem:schema")
    private String migrations;

    @PropertyInject(value = "labhub.mqtt.url", defaultValue = "")
    private String mqttUrl;
    @PropertyInject(value = "labhub.mqtt.embedded-port", defaultValue = "1883")
    private int embeddedMqttPort;
    @PropertyInject(value = "labhub.mqtt.user", defaultValue = "")
    private String mqttUser;
    @PropertyInject(value = "labhub.mqtt.password", defaultValue = "")
    private String mqttPassword;
    @PropertyInject(value = "labhub.mqtt.client-id", defaultValue = "labhub-1")
    private String mqttClientId;
    @PropertyInject(value = "labhub.mqtt.session-expiry-seconds", defaultValue = "604800")
    private long mqttSessionExpiry;
    @PropertyInject(value = "labhub.mqtt.receive-maximum", defaultValue = "2000")
    private int mqttReceiveMaximum;

    @PropertyInject(value = "labhub.ingest.max-payload-bytes", defaultValue = "1048576")
    private int maxPayloadBytes;
    @PropertyInject(value = "labhub.writer.batch-size", defaultValue = "1000")
    private int writerBatchSize;
    @PropertyInject(value = "labhub.writer.queue-capacity", defaultValue = "20000")
    private int writerQueueCapacity;

    @PropertyInject(value = "labhub.opcua.key-store-password", defaultValue = "")
    private String opcuaKeyStorePassword;

    @PropertyInject(value = "labhub.opcua.security-policies",
            defaultValue = "Basic256Sha256,Aes128_Sha256_RsaOaep,Aes256_Sha256_RsaPss")
    private String opcuaSecurityPolicies;

    @PropertyInject(value = "labhub.experiments.silence-timeout-seconds", defaultValue = "120")
    private long experimentSilenceTimeout;
    @PropertyInject(value = "labhub.experiments.poll-interval-ms", defaultValue = "1000")
    private long experimentPollInterval;

    @PropertyInject(value = "labhub.jobs.templates-dir", defaultValue = "config/job-templates")
    private String jobTemplates;
    @PropertyInject(value = "labhub.jobs.profiles.file", defaultValue = "config/profiles.yaml")
    private String profilesFilePath;
    @PropertyInject(value = "labhub.jobs.poll-interval-ms", defaultValue = "2000")
    private long jobPollInterval;
    @PropertyInject(value = "labhub.jobs.trigger.profile", defaultValue = "local")
    private String triggerProfile;
    @PropertyInject(value = "labhub.jobs.trigger.pseudo-dir", defaultValue = "/usr/share/espresso/pseudo")
    private String triggerPseudoDir;
    @PropertyInject(value = "labhub.jobs.trigger.ecutwfc", defaultValue = "18")
    private double triggerEcutwfc;
    @PropertyInject(value = "labhub.jobs.trigger.kpoints", defaultValue = "4")
    private int triggerKpoints;

    @PropertyInject(value = "labhub.api.token", defaultValue = "")
    private String apiToken;

    @PropertyInject(value = "labhub.instruments.file", defaultValue = "config/instruments.yaml")
    private String instrumentsFilePath;

    @PropertyInject(value = "labhub.demo", defaultValue = "false")
    private boolean demo;
    @PropertyInject(value = "labhub.demo.opcua-port", defaultValue = "4840")
    private int demoOpcUaPort;
    @PropertyInject(value = "labhub.demo.cvd-port", defaultValue = "8091")
    private int demoCvdPort;

    /** What {@link #configure} started or handed to the context to stop, latest first. */
    private final Deque<Service> stopOnFailure = new ArrayDeque<>();

    /**
     * Wires the hub. If that fails (a bad configuration file, an unreachable database), the context never starts and
     * so never stops what was started already (the embedded PostgreSQL and broker, the writer, MQTT clients): they
     * are stopped here, latest first, so that the exception ends the process with the message naming the mistake.
     */
    @Override
    public void configure(CamelContext context) throws Exception {
        try {
            wire(context);
        } catch (Exception | Error e) {
            while (!stopOnFailure.isEmpty()) {
                try {
                    stopOnFailure.pop().stop();
                } catch (RuntimeException stopFailure) {
                    e.addSuppressed(stopFailure);
                }
            }
            throw e;
        }
    }

    private void wire(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        Path data = Files.createDirectories(Path.of(dataDir));
        HikariDataSource dataSource = database(context, data);
        registry.bind("dataSource", DataSource.class, dataSource);
        String brokerUrl = mqtt(context, data);

        MeasurementNormalizer normalizer = new MeasurementNormalizer(maxPayloadBytes);
        registry.bind("measurementNormalizer", normalizer);
        registry.bind("mqttNormalizer", new MqttNormalizeProcessor(normalizer));
        registry.bind("instrumentTopicFilter", new InstrumentTopicFilter());
        registry.bind("deadLetterProcessor", new DeadLetterProcessor());
        BatchingWriter writer = new BatchingWriter(new MeasurementStore(dataSource), writerBatchSize, writerQueueCapacity);
        startNow(context, writer);
        registry.bind("batchingWriter", writer);

        registry.bind("opcuaNormalizer", new OpcUaNormalizeProcessor(normalizer));
        registry.bind("opcuaSeries", new OpcUaSeriesProcessor(normalizer));
        Path opcua = data.resolve("opcua");
        OpcUaClientIdentity identity = OpcUaClientIdentity.loadOrCreate(opcua, opcuaKeyStorePassword);
        context.addComponent("milo-client", new SecureMiloClientComponent(identity, opcua.resolve("pki")));
        OpcUaSessions opcUaSessions = new OpcUaSessions(identity, opcua.resolve("pki"));
        stopWithContext(context, new Closer("opcUaSessions", opcUaSessions));
        context.addComponent(OpcUaSubscriptionComponent.SCHEME, new OpcUaSubscriptionComponent(opcUaSessions));

        SshResultCollector sshResults = new SshResultCollector(normalizer);
        stopWithContext(context, new Closer("sshResults", sshResults));
        registry.bind("sshResults", sshResults);

        ObjectMapper json = new ObjectMapper();
        AnalysisService analysisService = new AnalysisService(dataSource, json);
        registry.bind("analysisService", analysisService);
        registry.bind("analysisResultsApi", new AnalysisResultsApi(analysisService, json));
        InstrumentRepository instruments = new InstrumentRepository(dataSource, json);
        InstrumentRoutes instrumentRoutes = new InstrumentRoutes(context);
        registry.bind("instrumentApi", new InstrumentApi(instruments, json, instrumentRoutes));
        registry.bind("analysisApi", new org.nanoos.labhub.hub.api.AnalysisApi());
        java.util.concurrent.atomic.AtomicReference<org.apache.camel.ProducerTemplate> store =
                new java.util.concurrent.atomic.AtomicReference<>();
        SshExperimentDriver sshRuns = new SshExperimentDriver(sshResults, items -> {
            store.compareAndSet(null, context.createProducerTemplate());
            store.get().requestBody("direct:store-run-results", items);
        }, json, Clock.systemUTC());
        stopWithContext(context, new Closer("sshRuns", sshRuns));
        MqttExperimentDriver mqttRuns = new MqttExperimentDriver(brokerUrl, mqttClientId + "-runs", mqttUser,
                mqttPassword, json, Clock.systemUTC(), Duration.ofSeconds(10));
        mqttRuns.start();
        stopWithContext(context, new Closer("mqttRuns", mqttRuns));
        jobs(context, dataSource, json, data, analysisService, mqttRuns);
        experiments(context, dataSource, instruments, json, analysisService, List.of(
                new OpcUaExperimentDriver(opcUaSessions, opcuaSecurityPolicies, json, Clock.systemUTC()), sshRuns,
                mqttRuns, new RestExperimentDriver(json, Clock.systemUTC(), System::getenv)));
        registry.bind("problemResponder", new ProblemResponder(json));
        registry.bind("apiAuthenticator", new ApiTokenAuthenticator(apiToken.isBlank() ? generatedToken(data) : apiToken));

        InstrumentApi instrumentApi = (InstrumentApi) registry.lookupByName("instrumentApi");
        Path instrumentsFile = instrumentsFilePath.isBlank() ? null : Path.of(instrumentsFilePath);
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                // routes are not running yet
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) throws Exception {
                InstrumentRegistry.load(instrumentsFile, instrumentApi, instruments, instrumentRoutes);
                if (demo) {
                    DemoMode.start(ctx, brokerUrl, data, demoOpcUaPort, identity.certificateFile(),
                            opcua.resolve("pki").resolve("trusted").resolve("certs"), demoCvdPort, instruments, instrumentRoutes,
                            (ExperimentService) ctx.getRegistry().lookupByName("experimentService"));
                }
            }
        });
    }

    /**
     * Computational jobs: the LOCAL profile {@code local} (jobs as processes on this machine, under
     * {@code <data-dir>/jobs}) and the profiles of {@code labhub.jobs.profiles.file} (a mistake there stops the
     * start), the job service and its REST API, job states published on {@code lab/jobs/<id>/state},
     * and the trigger that turns an XRD lattice constant into a Quantum ESPRESSO job.
     */
    private void jobs(CamelContext context, DataSource dataSource, ObjectMapper json, Path data,
            AnalysisService analyses, MqttExperimentDriver mqtt) throws Exception {
        JobRepository repository = new JobRepository(dataSource, json);
        repository.saveProfile(new ExecutionProfile("local", ExecutionProfile.Kind.LOCAL,
                "this machine: jobs run as processes of the hub's user", null, 0, null, null, null, null,
                Files.createDirectories(data.resolve("jobs")).toAbsolutePath().toString(), null, null, null, List.of(),
                List.of()));
        SlurmExecutor slurm = new SlurmExecutor(SlurmExecutorConfig.defaults(), System::getenv);
        stopWithContext(context, new Closer("slurmExecutor", slurm));
        JobService service = new JobService(repository, List.of(new LocalExecutor(), slurm), Path.of(jobTemplates), json,
                Clock.systemUTC(), Duration.ofMillis(jobPollInterval), (job, state, detail) -> {
                    var message = json.createObjectNode().put("jobId", job.id().toString()).put("state", state)
                            .put("template", job.template()).put("profileId", job.profileId())
                            .put("schedulerJobId", job.schedulerJobId()).put("detail", detail)
                            .put("time", java.time.Instant.now().toString());
                    try {
                        mqtt.publish("lab/jobs/" + job.id() + "/state", json.writeValueAsBytes(message), true);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        LOG.warn("Job {}: cannot write its state message", job.id());
                    }
                });
        stopWithContext(context, new ServiceSupport() {
            @Override
            protected void doStart() {
                service.start();
            }

            @Override
            protected void doStop() {
                service.close();
            }
        });
        JobApi api = new JobApi(service, repository, json);
        ProfileRegistry.load(profilesFilePath.isBlank() ? null : Path.of(profilesFilePath), api, repository);
        context.getRegistry().bind("jobService", service);
        context.getRegistry().bind("jobApi", api);
        context.getRegistry().bind("latticeJobTrigger", new LatticeJobTrigger(service, repository, dataSource, json,
                triggerProfile, Path.of(triggerPseudoDir), triggerEcutwfc, triggerKpoints));
        java.util.concurrent.atomic.AtomicReference<org.apache.camel.ProducerTemplate> producer =
                new java.util.concurrent.atomic.AtomicReference<>();
        analyses.setListener(stored -> {
            producer.compareAndSet(null, context.createProducerTemplate());
            producer.get().sendBody("seda:analysis-stored", stored);
        });
    }

    /** Experiment runs: the service that carries them out and tracks them, and its REST API. */
    private void experiments(CamelContext context, DataSource dataSource, InstrumentRepository instruments,
            ObjectMapper json, AnalysisService analyses, List<ExperimentDriver> drivers) throws Exception {
        ExperimentRepository runs = new ExperimentRepository(dataSource, json);
        ExperimentService service = new ExperimentService(runs, instruments, drivers,
                Duration.ofSeconds(experimentSilenceTimeout), Duration.ofMillis(experimentPollInterval),
                Clock.systemUTC());
        stopWithContext(context, new ServiceSupport() {
            @Override
            protected void doStart() {
                service.start();
            }

            @Override
            protected void doStop() {
                service.close();
            }
        });
        context.getRegistry().bind("experimentService", service);
        context.getRegistry().bind("experimentApi", new ExperimentApi(service, runs, analyses, json));
    }

    /** The database: embedded when no URL is configured, migrated by Flyway, pooled. */
    private HikariDataSource database(CamelContext context, Path data) throws Exception {
        String jdbcUrl = dbUrl;
        String user = dbUser;
        if (jdbcUrl.isBlank()) {
            EmbeddedPostgres pg = new EmbeddedPostgres(embeddedDbPort, data.resolve("postgres"));
            startNow(context, pg);
            jdbcUrl = pg.jdbcUrl();
            user = EmbeddedPostgres.NAME;
        }
        HikariDataSource dataSource = dataSource(jdbcUrl, user, dbPassword, dbPoolSize);
        stopWithContext(context, new Closer("dataSource", dataSource));
        Flyway.configure().dataSource(dataSource).locations(migrations).load().migrate();
        return dataSource;
    }

    /** The broker (embedded when no URL is configured) and the ingest client; returns the broker's URL. */
    private String mqtt(CamelContext context, Path data) throws Exception {
        String brokerUrl = mqttUrl;
        if (brokerUrl.isBlank()) {
            EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", embeddedMqttPort, data.resolve("mqtt-broker"),
                    mqttReceiveMaximum);
            startNow(context, broker);
            brokerUrl = broker.url();
        }
        MqttIngestClient client = new MqttIngestClient(brokerUrl, mqttClientId,
                Files.createDirectories(data.resolve("mqtt-client")).toString(),
                MqttIngestClient.persistentSessionOptions(mqttSessionExpiry, mqttReceiveMaximum, mqttUser, mqttPassword));
        stopWithContext(context, new Closer("mqttIngestClient", client));
        context.getRegistry().bind("mqttIngestClient", client);
        return brokerUrl;
    }

    /**
     * The API token when none is configured: random, kept in {@code <data-dir>/api-token} readable by the owner only,
     * so that it survives restarts and a person can read it; the log names the file, never the token.
     */
    static String generatedToken(Path data) throws java.io.IOException {
        Path file = data.resolve("api-token");
        if (!Files.isRegularFile(file)) {
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            String token = java.util.HexFormat.of().formatHex(random);
            Path tmp = Files.createTempFile(data, "api-token", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.warn("Cannot restrict the permissions of {} on this file system", tmp);
            }
            Files.writeString(tmp, token + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        LOG.info("API token for changes over REST: in {} (set LABHUB_API_TOKEN to choose one)", file.toAbsolutePath());
        return Files.readString(file).trim();
    }

    /** Starts a service now (the context is not started yet) and leaves stopping it to Camel. */
    private void startNow(CamelContext context, Service service) throws Exception {
        service.start();
        context.addService(service, true, false);
        stopOnFailure.push(service);
    }

    /** A service that starts with the context and stops with it, or at once if configuring fails. */
    private void stopWithContext(CamelContext context, Service service) throws Exception {
        context.addService(service, true, true);
        stopOnFailure.push(service);
    }

    static HikariDataSource dataSource(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("labhub");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        // pgjdbc turns JDBC batches into multi-row INSERTs: the writer's batches cost one round trip
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "labhub");
        config.setInitializationFailTimeout(30_000);
        return new HikariDataSource(config);
    }

    /** Closes an {@link AutoCloseable} when Camel stops its services. */
    static final class Closer extends ServiceSupport {
        private final String name;
        private final AutoCloseable closeable;

        Closer(String name, AutoCloseable closeable) {
            this.name = name;
            this.closeable = closeable;
        }

        @Override
        protected void doStop() throws Exception {
            LOG.debug("Closing {}", name);
            closeable.close();
        }
    }
}
