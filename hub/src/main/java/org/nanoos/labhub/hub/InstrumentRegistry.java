package org.nanoos.labhub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nanoos.labhub.hub.api.ApiProblem;
import org.nanoos.labhub.hub.api.InstrumentApi;
import org.nanoos.labhub.processors.instruments.Instrument;
import org.nanoos.labhub.processors.instruments.InstrumentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the registry up at start: the instruments listed in the configuration file ({@code labhub.instruments.file},
 * {@code config/instruments.yaml} by default; the same fields as {@code POST /api/instruments}) are registered or
 * updated — the file is authoritative for the ids it lists, the API for the others — and every registered
 * instrument gets its ingestion routes. A file with a mistake stops the hub with a message naming the entry and field.
 */
final class InstrumentRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(InstrumentRegistry.class);

    private InstrumentRegistry() {
    }

    static void load(Path file, InstrumentApi api, InstrumentRepository repository, InstrumentRoutes routes)
            throws Exception {
        if (file != null && Files.isRegularFile(file)) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            JsonNode list = root == null ? null : root.get("instruments");
            if (list == null || !list.isArray()) {
                throw new IllegalArgumentException(file + ": expected a list under 'instruments:'");
            }
            int n = 0;
            for (JsonNode entry : list) {
                Instrument i;
                try {
                    i = api.parse(entry, null);
                } catch (ApiProblem e) {
                    throw new IllegalArgumentException(file + ": instrument #" + (n + 1) + ": " + e.getMessage(), e);
                }
                if (!repository.create(i)) {
                    Instrument old = repository.find(i.id()).orElseThrow();
                    repository.update(new Instrument(i.id(), i.name(), i.adapterType(), i.connectionInfo(),
                            i.capabilities(), entry.has("status") ? i.status() : old.status(), null, i.metadata(), null));
                }
                n++;
            }
            LOG.info("Registry: {} instrument(s) from {}", n, file);
        }
        for (Instrument i : repository.list()) {
            try {
                routes.changed(i);
            } catch (Exception e) {
                LOG.warn("Instrument {}: cannot make its routes: {}", i.id(), e.getMessage());
            }
        }
    }
}
