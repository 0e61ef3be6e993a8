package org.nanoos.labhub.connectors.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.nanoos.labhub.processors.model.DeadLetter;
import org.nanoos.labhub.processors.normalize.InvalidMeasurementException;
import org.nanoos.labhub.processors.normalize.MeasurementNormalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls result files from instrument PCs over SFTP into the pipeline: each poll lists the instrument's result
 * directory, downloads the files it has not taken yet, parses them ({@code .xy}, CSV) and returns one
 * {@code IngestMessage} per file (a series, timed by the file's modification time, identified by its content hash,
 * so a file pulled again is stored once) or a {@code DeadLetter} for a file that cannot be parsed. One SSH
 * connection per instrument is kept between polls. An instrument PC that cannot be reached, or whose host key is not
 * the known one, yields nothing and a warning: that is not bad data.
 */
public final class SshResultCollector implements AutoCloseable {

    /** Header prefix the route template uses for an instrument's settings. */
    public static final String HEADER = "LabhubSsh";

    private static final Logger LOG = LoggerFactory.getLogger(SshResultCollector.class);

    private final MeasurementNormalizer normalizer;
    private final Map<SshInstrumentConfig, SshInstrumentClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> taken = new ConcurrentHashMap<>();

    public SshResultCollector(MeasurementNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** Reads the instrument's settings from the template's headers, polls it, and sets the results as the body. */
    public void poll(Exchange exchange) {
        Message in = exchange.getMessage();
        SshInstrumentConfig config = new SshInstrumentConfig(header(in, "Host"),
                Integer.parseInt(header(in, "Port")), header(in, "User"), Path.of(header(in, "PrivateKey")),
                blankToNull(in.getHeader(HEADER + "PassphraseEnv", String.class)), Path.of(header(in, "KnownHosts")),
                header(in, "RemoteDirectory"), Duration.ofSeconds(30),
                Arrays.asList(header(in, "Patterns").split(",")));
        in.setBody(poll(config, header(in, "InstrumentId"), header(in, "Quantity"),
                in.getHeader(HEADER + "XUnit", "", String.class), in.getHeader(HEADER + "YUnit", "", String.class)));
    }

    /** Polls one instrument PC; see the class description. */
    public List<Object> poll(SshInstrumentConfig config, String instrumentId, String quantity, String xUnit,
            String yUnit) {
        List<Object> results = new ArrayList<>();
        String origin = "ssh:" + config.user() + "@" + config.address() + ":" + config.remoteDirectory();
        SshInstrumentClient client = clients.computeIfAbsent(config, SshInstrumentClient::new);
        Set<String> seen = taken.computeIfAbsent(origin, k -> ConcurrentHashMap.newKeySet());
        List<RemoteResultFile> files;
        try {
            files = client.listResults();
        } catch (java.io.IOException e) {
            LOG.warn("Cannot read results of instrument {} at {}: {}", instrumentId, config.address(), e.getMessage());
            return results;
        }
        for (RemoteResultFile file : files) {
            String key = file.name() + "|" + file.size() + "|" + file.modified();
            if (seen.contains(key)) {
                continue;
            }
            Instant receivedAt = Instant.now();
            String address = origin + "/" + file.name();
            byte[] raw = new byte[0];
            try {
                DownloadedResult result = client.download(file.name());
                raw = result.content();
                byte[] json = XyFileParser.seriesJson(XyFileParser.parse(result.name(), raw), result.contentId(),
                        result.modified(), xUnit, yUnit);
                results.add(normalizer.normalize(address, address, instrumentId, quantity, "application/json", json,
                        receivedAt));
                seen.add(key);
            } catch (IllegalArgumentException | InvalidMeasurementException e) {
                results.add(new DeadLetter(address, MeasurementNormalizer.contentId(raw), address,
                        "result file " + file.name() + ": " + e.getMessage(), receivedAt, raw));
                seen.add(key);
            } catch (java.io.IOException e) {
                LOG.warn("Cannot download {} from instrument {}: {}", file.name(), instrumentId, e.getMessage());
            }
        }
        return results;
    }

    private static String header(Message in, String name) {
        String v = in.getHeader(HEADER + name, String.class);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the ssh-results route needs '" + name + "'");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Closes the instrument connections. */
    @Override
    public void close() {
        for (SshInstrumentClient c : clients.values()) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("Closing an instrument connection failed", e);
            }
        }
        clients.clear();
    }
}
