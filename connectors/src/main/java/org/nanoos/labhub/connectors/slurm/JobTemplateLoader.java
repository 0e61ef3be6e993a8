package org.nanoos.labhub.connectors.slurm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads job templates from a directory ({@code config/job-templates/}): for each {@code <name>.yaml} descriptor the
 * body {@code <name>.sbatch} beside it. Everything is checked when loaded (the descriptor's keys, patterns, defaults,
 * inputs and outputs, and the body with {@link TemplateLint}), so a wrong template stops the hub at start-up with
 * every problem listed, not a job later.
 *
 * <p>The descriptor format is documented in {@code config/job-templates/README.md}.
 */
public final class JobTemplateLoader {

    /** Result parsers a descriptor may name. */
    public static final Set<String> RESULT_PARSERS = Set.of("qe-pw", "lammps-log", "none");

    private static final Set<String> TOP_KEYS = Set.of("name", "title", "description", "executable", "modules",
            "resultParser", "parameters", "inputs", "outputs");
    private static final Set<String> PARAMETER_KEYS = Set.of("type", "pattern", "min", "max", "values", "maxItems",
            "default", "description");
    private static final Set<String> INPUT_KEYS = Set.of("file", "glob", "parameter", "required", "description");
    private static final YAMLMapper YAML = new YAMLMapper();

    private JobTemplateLoader() {
    }

    /** Every template in {@code directory}, by name. */
    public static Map<String, JobTemplate> loadAll(Path directory) throws IOException {
        Map<String, JobTemplate> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path yaml : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                String file = yaml.getFileName().toString();
                String name = file.substring(0, file.length() - ".yaml".length());
                out.put(name, load(directory, name));
            }
        }
        return out;
    }

    /** The template {@code name} from {@code directory}: {@code name.yaml} and {@code name.sbatch}. */
    public static JobTemplate load(Path directory, String name) throws IOException {
        if (name == null || !JobTemplate.NAME.matcher(name).matches()) {
            throw new InvalidTemplateException(String.valueOf(name), List.of("template names are lower-case letters,"
                    + " digits and '-'"));
        }
        Path descriptor = directory.resolve(name + ".yaml");
        Path body = directory.resolve(name + ".sbatch");
        if (!Files.isRegularFile(body)) {
            throw new InvalidTemplateException(name, List.of("no body " + body.getFileName() + " beside "
                    + descriptor.getFileName()));
        }
        return parse(name, utf8(name, Files.readAllBytes(descriptor)), utf8(name, Files.readAllBytes(body)));
    }

    /**
     * A template from its descriptor text and body text.
     *
     * @throws InvalidTemplateException listing every problem
     */
    public static JobTemplate parse(String name, String descriptorYaml, String body) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(descriptorYaml);
        } catch (JsonProcessingException e) {
            throw new InvalidTemplateException(name, List.of("descriptor is not valid YAML: "
                    + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTemplateException(name, List.of("descriptor must be a YAML mapping"));
        }
        unknownKeys(root, TOP_KEYS, "", problems);
        String declared = text(root, "name", problems, true);
        if (declared != null && !declared.equals(name)) {
            problems.add("name: '" + declared + "' differs from the file name '" + name + "'");
        }
        String title = text(root, "title", problems, true);
        String description = text(root, "description", problems, false);
        String executable = text(root, "executable", problems, false);
        if (executable != null && !JobTemplate.EXECUTABLE.matcher(executable).matches()) {
            problems.add("executable: '" + executable + "' is not a plain program name or path");
        }
        List<String> modules = strings(root, "modules", problems);
        for (String m : modules) {
            if (!ScriptProfile.MODULE.matcher(m).matches()) {
                problems.add("modules: '" + m + "' is not a module name (A-Z a-z 0-9 _ . / + -)");
            }
        }
        String resultParser = text(root, "resultParser", problems, false);
        if (resultParser == null) {
            resultParser = "none";
        } else if (!RESULT_PARSERS.contains(resultParser)) {
            problems.add("resultParser: '" + resultParser + "' is not one of " + RESULT_PARSERS);
        }
        List<TemplateParameter> parameters = parameters(root.get("parameters"), problems);
        List<JobTemplate.Input> inputs = inputs(root.get("inputs"), parameters, problems);
        List<String> outputs = strings(root, "outputs", problems);
        for (String glob : outputs) {
            try {
                StagedFileName.requireGlob("outputs", glob);
            } catch (SlurmValidationException e) {
                problems.add(e.getMessage());
            }
        }
        if (body == null) {
            problems.add("no body");
        } else {
            for (String p : TemplateLint.check(body, parameters, executable != null)) {
                problems.add("body " + name + ".sbatch: " + p);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTemplateException(name, problems);
        }
        return new JobTemplate(name, title, description, executable, modules, resultParser, parameters, inputs,
                outputs, body);
    }

    private static List<TemplateParameter> parameters(JsonNode node, List<String> problems) {
        List<TemplateParameter> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add("parameters: must be a mapping of name to declaration");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String where = "parameters." + name;
            JsonNode p = e.getValue();
            if (!TemplateParameter.NAME.matcher(name).matches()) {
                problems.add(where + ": parameter names are [a-z][a-z0-9_]{0,31}");
                continue;
            }
            if (p == null || !p.isObject()) {
                problems.add(where + ": must be a mapping with at least 'type'");
                continue;
            }
            unknownKeys(p, PARAMETER_KEYS, where + ".", problems);
            String typeName = text(p, "type", problems, true, where);
            TemplateParameter.Type type = typeName == null ? null : TemplateParameter.Type.of(typeName);
            if (type == null) {
                if (typeName != null) {
                    problems.add(where + ".type: '" + typeName + "' is not one of string, integer, number, enum,"
                            + " file, list");
                }
                continue;
            }
            Pattern pattern = null;
            String patternText = text(p, "pattern", problems, false, where);
            if (type == TemplateParameter.Type.STRING || type == TemplateParameter.Type.LIST) {
                if (patternText == null) {
                    problems.add(where + ".pattern: " + typeName + " parameters need an allowlist pattern");
                    continue;
                }
                try {
                    pattern = Pattern.compile(patternText);
                } catch (PatternSyntaxException ex) {
                    problems.add(where + ".pattern: not a regular expression: " + ex.getDescription());
                    continue;
                }
            } else if (patternText != null) {
                problems.add(where + ".pattern: only string and list parameters take a pattern");
            }
            BigDecimal min = number(p, "min", where, problems);
            BigDecimal max = number(p, "max", where, problems);
            boolean numeric = type == TemplateParameter.Type.INTEGER || type == TemplateParameter.Type.NUMBER;
            if (!numeric && (min != null || max != null)) {
                problems.add(where + ": only integer and number parameters take min and max");
            }
            List<String> values = strings(p, "values", problems);
            if (type == TemplateParameter.Type.ENUM) {
                if (values.isEmpty()) {
                    problems.add(where + ".values: an enum needs its choices");
                }
                for (String v : values) {
                    if (!TemplateParameter.CHOICE.matcher(v).matches()) {
                        problems.add(where + ".values: '" + v + "' is not a plain word (A-Z a-z 0-9 _ . + -)");
                    }
                }
            } else if (!values.isEmpty()) {
                problems.add(where + ".values: only enum parameters take values");
            }
            int maxItems = 64;
            if (p.has("maxItems")) {
                if (type != TemplateParameter.Type.LIST || !p.get("maxItems").canConvertToInt()
                        || p.get("maxItems").asInt() < 1 || p.get("maxItems").asInt() > 1024) {
                    problems.add(where + ".maxItems: a number 1–1024, for list parameters only");
                } else {
                    maxItems = p.get("maxItems").asInt();
                }
            }
            String description = text(p, "description", problems, false, where);
            TemplateParameter declared = new TemplateParameter(name, type, pattern, min, max, values, maxItems, null,
                    description);
            List<String> defaultValue = null;
            JsonNode d = p.get("default");
            if (d != null && !d.isNull()) {
                try {
                    Object raw = d.isArray() ? toList(d) : d.asText();
                    defaultValue = declared.check(raw);
                } catch (SlurmValidationException ex) {
                    problems.add(where + ".default: " + ex.getMessage());
                    continue;
                }
            }
            out.add(new TemplateParameter(name, type, pattern, min, max, values, maxItems, defaultValue,
                    description));
        }
        return out;
    }

    private static List<JobTemplate.Input> inputs(JsonNode node, List<TemplateParameter> parameters,
            List<String> problems) {
        List<JobTemplate.Input> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problems.add("inputs: must be a list");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode in = node.get(i);
            String where = "inputs[" + i + "]";
            if (!in.isObject()) {
                problems.add(where + ": must be a mapping with file, glob or parameter");
                continue;
            }
            unknownKeys(in, INPUT_KEYS, where + ".", problems);
            String file = text(in, "file", problems, false, where);
            String glob = text(in, "glob", problems, false, where);
            String parameter = text(in, "parameter", problems, false, where);
            int given = (file == null ? 0 : 1) + (glob == null ? 0 : 1) + (parameter == null ? 0 : 1);
            if (given != 1) {
                problems.add(where + ": give exactly one of file, glob, parameter");
                continue;
            }
            try {
                if (file != null) {
                    StagedFileName.of(file);
                } else if (glob != null) {
                    StagedFileName.requireGlob(where + ".glob", glob);
                }
            } catch (SlurmValidationException ex) {
                problems.add(where + ": " + ex.getMessage());
                continue;
            }
            if (parameter != null && parameters.stream().noneMatch(p -> p.name().equals(parameter)
                    && p.type() == TemplateParameter.Type.FILE)) {
                problems.add(where + ".parameter: '" + parameter + "' is not a declared file parameter");
                continue;
            }
            JsonNode required = in.get("required");
            if (required != null && !required.isBoolean()) {
                problems.add(where + ".required: true or false");
            }
            out.add(new JobTemplate.Input(file, glob, parameter, required == null || required.asBoolean(),
                    text(in, "description", problems, false, where)));
        }
        return out;
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String prefix, List<String> problems) {
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problems.add(prefix + k + ": unknown key (known: " + new TreeSet<>(known) + ")");
            }
        });
    }

    private static String text(JsonNode node, String key, List<String> problems, boolean required) {
        return text(node, key, problems, required, "");
    }

    private static String text(JsonNode node, String key, List<String> problems, boolean required, String where) {
        JsonNode v = node.get(key);
        String at = where.isEmpty() ? key : where + "." + key;
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(at + ": missing");
            }
            return null;
        }
        if (!v.isValueNode()) {
            problems.add(at + ": must be a single value");
            return null;
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode node, String key, List<String> problems) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            problems.add(key + ": must be a list");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isValueNode()) {
                problems.add(key + ": items must be single values");
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static BigDecimal number(JsonNode node, String key, String where, List<String> problems) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return new BigDecimal(v.asText().replace('d', 'e').replace('D', 'E'));
        } catch (NumberFormatException e) {
            problems.add(where + "." + key + ": not a number");
            return null;
        }
    }

    private static String utf8(String template, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidTemplateException(template, List.of("file is not valid UTF-8"));
        }
    }
}
