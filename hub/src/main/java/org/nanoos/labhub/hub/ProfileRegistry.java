package org.nanoos.labhub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nanoos.labhub.connectors.jobs.ExecutionProfile;
import org.nanoos.labhub.connectors.jobs.JobRepository;
import org.nanoos.labhub.hub.api.ApiProblem;
import org.nanoos.labhub.hub.api.JobApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution profiles of the configuration file ({@code labhub.jobs.profiles.file}, {@code config/profiles.yaml}
 * by default): a list under {@code profiles:}, each entry an {@code id} and the fields of the body of
 * {@code PUT /api/profiles/{id}}, checked by the same code. The file is authoritative for the ids it lists, the API
 * for the others. Every entry is checked before any is saved; a mistake stops the hub with a message naming the
 * entry and field. An absent or empty file registers nothing.
 */
final class ProfileRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileRegistry.class);

    private ProfileRegistry() {
    }

    /** Checks every profile of {@code file}, then saves them; returns how many there were. */
    static int load(Path file, JobApi api, JobRepository repository) throws Exception {
        if (file == null || !Files.isRegularFile(file)) {
            return 0;
        }
        List<ExecutionProfile> profiles = read(file, api);
        for (ExecutionProfile p : profiles) {
            repository.saveProfile(p);
        }
        LOG.info("Jobs: {} execution profile(s) from {}", profiles.size(), file);
        return profiles.size();
    }

    /** The checked profiles of {@code file}, in its order. */
    private static List<ExecutionProfile> read(Path file, JobApi api) throws Exception {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a list under 'profiles:'");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!"profiles".equals(name)) {
                throw new IllegalArgumentException(file + ": unknown key '" + name + "'; the file holds 'profiles:'");
            }
        }
        JsonNode list = root.get("profiles");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(file + ": expected a list under 'profiles:'");
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<ExecutionProfile> out = new ArrayList<>();
        int n = 0;
        for (JsonNode entry : list) {
            n++;
            if (!entry.isObject()) {
                throw new IllegalArgumentException(file + ": profile #" + n + ": expected the fields of a profile");
            }
            JsonNode idNode = entry.get("id");
            if (idNode == null || !idNode.isTextual()) {
                throw new IllegalArgumentException(file + ": profile #" + n + ": field 'id' is required (a string)");
            }
            String id = idNode.asText();
            String where = file + ": profile #" + n + " (id '" + id + "'): ";
            Integer earlier = seen.putIfAbsent(id, n);
            if (earlier != null) {
                throw new IllegalArgumentException(where + "id is listed already as profile #" + earlier);
            }
            ObjectNode body = ((ObjectNode) entry).deepCopy();
            body.remove("id");
            try {
                out.add(api.parseProfile(id, body));
            } catch (ApiProblem e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        return out;
    }
}
