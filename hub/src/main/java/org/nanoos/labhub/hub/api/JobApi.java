package org.nanoos.labhub.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.nanoos.labhub.connectors.jobs.ExecutionProfile;
import org.nanoos.labhub.connectors.jobs.Job;
import org.nanoos.labhub.connectors.jobs.JobRefusedException;
import org.nanoos.labhub.connectors.jobs.JobRepository;
import org.nanoos.labhub.connectors.jobs.JobRequest;
import org.nanoos.labhub.connectors.jobs.JobService;
import org.nanoos.labhub.connectors.slurm.JobTemplate;

/**
 * Computational jobs over REST: submit one (template, parameters, resources, input files), list and inspect them
 * with their events and results, cancel one; the execution profiles and the job templates. Reads are open; submit
 * and cancel need the API token.
 *
 * <pre>
 * curl -H "Authorization: Bearer $(cat data/api-token)" -H 'Content-Type: application/json' \
 *      -d '{"profileId":"local","template":"generic","parameters":{"program":"hostname"}}' \
 *      http://localhost:8080/api/jobs
 * </pre>
 */
public final class JobApi {

    private static final Set<String> FIELDS = Set.of("profileId", "template", "name", "parameters", "resources",
            "inputs");
    private static final Set<String> PROFILE_FIELDS = Set.of("kind", "description", "sshHost", "sshPort", "sshUser",
            "privateKeyFile", "passphraseEnv", "knownHostsFile", "scratchRoot", "defaultPartition", "account", "qos",
            "modules", "launcher");
    private static final java.util.regex.Pattern PROFILE_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final JobService service;
    private final JobRepository jobs;
    private final ObjectMapper json;

    public JobApi(JobService service, JobRepository jobs, ObjectMapper json) {
        this.service = service;
        this.jobs = jobs;
        this.json = json;
    }

    /** POST /api/jobs */
    public void submit(Exchange exchange) throws Exception {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("the request needs a JSON body, e.g. {\"profileId\":\"local\","
                    + "\"template\":\"generic\",\"parameters\":{\"program\":\"hostname\"}}");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiProblem.badRequest("unknown field '" + name + "'; known fields: " + String.join(", ",
                        new TreeSet<>(FIELDS)));
            }
        }
        String profile = text(root, "profileId");
        String template = text(root, "template");
        if (profile == null || template == null) {
            throw ApiProblem.badRequest("fields 'profileId' and 'template' are required");
        }
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        JsonNode in = root.get("inputs");
        if (in != null && !in.isNull()) {
            if (!in.isObject()) {
                throw ApiProblem.badRequest("'inputs' must be an object of file name → {\"text\": …} or "
                        + "{\"base64\": …}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                if (v.hasNonNull("text")) {
                    inputs.put(f.getKey(), v.get("text").asText().getBytes(StandardCharsets.UTF_8));
                } else if (v.hasNonNull("base64")) {
                    try {
                        inputs.put(f.getKey(), Base64.getDecoder().decode(v.get("base64").asText()));
                    } catch (IllegalArgumentException e) {
                        throw ApiProblem.badRequest("inputs." + f.getKey() + ".base64 is not Base64");
                    }
                } else {
                    throw ApiProblem.badRequest("inputs." + f.getKey() + " needs \"text\" or \"base64\"");
                }
            }
        }
        Job job;
        try {
            job = service.submit(new JobRequest(profile, template, text(root, "name"), object(root, "parameters"),
                    object(root, "resources"), inputs, null, null, null));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(422, "Unprocessable request", e.getMessage());
        }
        exchange.getMessage().setHeader("Location", "/api/jobs/" + job.id());
        respond(exchange, 201, toJson(job, false));
    }

    /** GET /api/jobs?profileId=&limit= */
    public void list(Exchange exchange) throws Exception {
        String profile = exchange.getMessage().getHeader("profileId", String.class);
        ArrayNode all = json.createArrayNode();
        for (Job j : jobs.list(profile == null || profile.isBlank() ? null : profile, 100)) {
            all.add(toJson(j, false));
        }
        respond(exchange, 200, all);
    }

    /** GET /api/jobs/{id} */
    public void get(Exchange exchange) throws Exception {
        UUID id = pathId(exchange);
        Job job = jobs.find(id).orElseThrow(() -> ApiProblem.notFound("no job " + id));
        respond(exchange, 200, toJson(job, true));
    }

    /** POST /api/jobs/{id}/cancel */
    public void cancel(Exchange exchange) throws Exception {
        UUID id = pathId(exchange);
        if (jobs.find(id).isEmpty()) {
            throw ApiProblem.notFound("no job " + id);
        }
        try {
            respond(exchange, 200, toJson(service.cancel(id), false));
        } catch (JobRefusedException e) {
            throw ApiProblem.conflict(e.getMessage());
        } catch (org.nanoos.labhub.connectors.jobs.ExecutorUnavailableException e) {
            throw new ApiProblem(502, "Cluster unreachable", e.getMessage());
        }
    }

    /** GET /api/profiles */
    public void profiles(Exchange exchange) throws Exception {
        ArrayNode all = json.createArrayNode();
        for (ExecutionProfile p : jobs.profiles(null)) {
            ObjectNode o = all.addObject();
            o.put("id", p.id());
            o.put("kind", p.kind().name());
            o.put("description", p.description());
            o.put("sshHost", p.sshHost());
            if (p.kind() == ExecutionProfile.Kind.SLURM) {
                o.put("sshPort", p.sshPort());
            }
            o.put("sshUser", p.sshUser());
            o.put("scratchRoot", p.scratchRoot());
            o.put("defaultPartition", p.defaultPartition());
            o.put("account", p.account());
            o.put("qos", p.qos());
            o.set("modules", json.valueToTree(p.modules()));
            o.set("launcher", json.valueToTree(p.launcher()));
        }
        respond(exchange, 200, all);
    }

    /**
     * PUT /api/profiles/{id}: registers or replaces an execution profile. Secrets are not accepted: the key is a
     * file the hub reads, its passphrase an environment variable's name.
     */
    public void saveProfile(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        JsonNode root;
        try {
            root = json.readTree(exchange.getMessage().getBody(String.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw ApiProblem.badRequest("the body is not a JSON object");
        }
        ExecutionProfile profile = parseProfile(id, root);
        jobs.saveProfile(profile);
        respond(exchange, 200, json.createObjectNode().put("id", id).put("kind", profile.kind().name()));
    }

    /**
     * The profile {@code id} described by {@code root}, the body of {@code PUT /api/profiles/{id}} (and an entry of
     * the profiles file without its {@code id}), checked field by field; not saved.
     *
     * @throws ApiProblem naming the field that is wrong
     */
    public ExecutionProfile parseProfile(String id, JsonNode root) {
        if (id == null || !PROFILE_ID.matcher(id).matches()) {
            throw ApiProblem.badRequest("profile id '" + id + "' is not valid: a letter or digit, then letters, "
                    + "digits, _ . -, at most 64 characters");
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!PROFILE_FIELDS.contains(name)) {
                throw ApiProblem.badRequest("unknown field '" + name + "'; known fields: " + String.join(", ",
                        new TreeSet<>(PROFILE_FIELDS)));
            }
        }
        ExecutionProfile.Kind kind;
        try {
            kind = ExecutionProfile.Kind.valueOf(String.valueOf(text(root, "kind")));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("kind must be LOCAL or SLURM");
        }
        String scratch = text(root, "scratchRoot");
        if (scratch == null || !scratch.matches("(/[A-Za-z0-9_.+][A-Za-z0-9_.+-]{0,254})+")) {
            throw ApiProblem.badRequest("scratchRoot must be an absolute path of letters, digits and _ . + -");
        }
        String host = text(root, "sshHost");
        if (host != null && !host.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?|[0-9A-Fa-f:.]{2,45}")) {
            throw ApiProblem.badRequest("sshHost '" + host + "' is not a host name or address");
        }
        String user = text(root, "sshUser");
        if (user != null && !user.matches("[a-z_][a-z0-9_.-]{0,31}")) {
            throw ApiProblem.badRequest("sshUser must match [a-z_][a-z0-9_.-]{0,31}");
        }
        for (String f : new String[] {"defaultPartition", "account", "qos"}) {
            String v = text(root, f);
            if (v != null && !org.nanoos.labhub.connectors.slurm.JobResources.SLURM_NAME.matcher(v).matches()) {
                throw ApiProblem.badRequest(f + " '" + v + "' is not a SLURM name (letters, digits, _ -)");
            }
        }
        String passphraseEnv = text(root, "passphraseEnv");
        if (passphraseEnv != null && !passphraseEnv.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            throw ApiProblem.badRequest("passphraseEnv must be the NAME of an environment variable");
        }
        java.util.List<String> modules = words(root, "modules", org.nanoos.labhub.connectors.slurm.ScriptProfile.MODULE);
        // printable words here; ScriptProfile below decides (a program first, then option words such as --mpi=pmix)
        java.util.List<String> launcher = root.has("launcher") ? words(root, "launcher",
                java.util.regex.Pattern.compile("[\\x21-\\x7e]{1,128}")) : null;
        String key = text(root, "privateKeyFile");
        String hosts = text(root, "knownHostsFile");
        if (kind == ExecutionProfile.Kind.SLURM) {
            for (String f : new String[] {"sshHost", "sshUser", "privateKeyFile", "knownHostsFile"}) {
                if (text(root, f) == null) {
                    throw ApiProblem.badRequest(f + " is required for a SLURM profile");
                }
            }
        }
        JsonNode sshPort = root.get("sshPort");
        if (sshPort != null && !sshPort.isNull()
                && (!sshPort.canConvertToExactIntegral() || sshPort.asInt() < 1 || sshPort.asInt() > 65535)) {
            throw ApiProblem.badRequest("sshPort must be a port number (1–65535), not " + sshPort);
        }
        int port = root.path("sshPort").asInt(22);
        ExecutionProfile profile;
        try {
            profile = new ExecutionProfile(id, kind, text(root, "description"), host, port, user,
                    key == null ? null : java.nio.file.Path.of(key), passphraseEnv,
                    hosts == null ? null : java.nio.file.Path.of(hosts), scratch, text(root, "defaultPartition"),
                    text(root, "account"), text(root, "qos"), modules, launcher);
            // the script generator checks modules and launcher words once more
            new org.nanoos.labhub.connectors.slurm.ScriptProfile(profile.modules(), profile.launcher());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        if (profile.privateKeyFile() != null && !java.nio.file.Files.isReadable(profile.privateKeyFile())) {
            throw ApiProblem.badRequest("privateKeyFile " + key + " is not a readable file on the hub's machine");
        }
        if (profile.knownHostsFile() != null && !java.nio.file.Files.isReadable(profile.knownHostsFile())) {
            throw ApiProblem.badRequest("knownHostsFile " + hosts + " is not a readable file on the hub's machine");
        }
        return profile;
    }

    private java.util.List<String> words(JsonNode root, String field, java.util.regex.Pattern pattern) {
        JsonNode v = root.get(field);
        java.util.List<String> out = new java.util.ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw ApiProblem.badRequest(field + " must be an array of strings");
        }
        for (JsonNode w : v) {
            if (!w.isTextual() || !pattern.matcher(w.asText()).matches()) {
                throw ApiProblem.badRequest(field + " holds " + w + ", which is not allowed (" + pattern.pattern()
                        + ")");
            }
            out.add(w.asText());
        }
        return out;
    }

    /** GET /api/job-templates */
    public void templates(Exchange exchange) throws Exception {
        ArrayNode all = json.createArrayNode();
        for (JobTemplate t : service.templates().values()) {
            ObjectNode o = all.addObject();
            o.put("name", t.name());
            o.put("title", t.title());
            o.put("description", t.description());
            o.put("resultParser", t.resultParser());
            ObjectNode params = o.putObject("parameters");
            t.parameters().forEach(p -> {
                ObjectNode d = params.putObject(p.name());
                d.put("type", p.type().name().toLowerCase(java.util.Locale.ROOT));
                d.put("pattern", p.pattern() == null ? null : p.pattern().pattern());
                d.put("min", p.min());
                d.put("max", p.max());
                d.set("values", json.valueToTree(p.values()));
                d.set("default", json.valueToTree(p.defaultValue()));
                d.put("description", p.description());
            });
            o.set("outputs", json.valueToTree(t.outputs()));
        }
        respond(exchange, 200, all);
    }

    private ObjectNode toJson(Job j, boolean full) throws Exception {
        ObjectNode o = json.createObjectNode();
        o.put("id", j.id().toString());
        o.put("profileId", j.profileId());
        o.put("template", j.template());
        o.put("name", j.name());
        o.put("state", j.state());
        o.put("schedulerJobId", j.schedulerJobId());
        o.set("parameters", j.parameters());
        o.set("resources", j.resources());
        o.put("exitCode", j.exitCode());
        o.put("error", j.error());
        o.put("explanation", j.explanation());
        o.set("results", j.results());
        o.put("measurementId", j.measurementId());
        o.put("analysisId", j.analysisId());
        o.put("experimentRunId", j.experimentRunId() == null ? null : j.experimentRunId().toString());
        o.put("submittedAt", j.submittedAt().toString());
        o.put("startedAt", j.startedAt() == null ? null : j.startedAt().toString());
        o.put("endedAt", j.endedAt() == null ? null : j.endedAt().toString());
        if (full) {
            o.put("scratchDir", j.scratchDir());
            o.put("stdoutTail", j.stdoutTail());
            o.put("stderrTail", j.stderrTail());
            ArrayNode events = o.putArray("events");
            for (String[] e : jobs.events(j.id())) {
                events.addObject().put("at", e[0]).put("state", e[1]).put("detail", e[2]);
            }
        }
        return o;
    }

    private static UUID pathId(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.notFound("no job '" + id + "' (job ids are UUIDs)");
        }
    }

    private ObjectNode object(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return json.createObjectNode();
        }
        if (!v.isObject()) {
            throw ApiProblem.badRequest("field '" + field + "' must be a JSON object");
        }
        return (ObjectNode) v;
    }

    private static String text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiProblem.badRequest("field '" + field + "' must be a string");
        }
        return v.asText();
    }

    private void respond(Exchange exchange, int status, JsonNode body) throws Exception {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }
}
