package org.nanoos.labhub.connectors.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.nanoos.labhub.verticals.battery.AtomicWeights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a diffraction analysis into a DFT calculation: when an XRD pattern of a cubic sample yields a lattice
 * constant, a Quantum ESPRESSO SCF of that crystal at that lattice constant is submitted, linked to the analysis,
 * the measurement and the run. The species come from the run: its {@code material} (an element symbol) or its
 * parameters ({@code element}; {@code cation} and {@code anion} for rock salt). Supported: diamond and fcc
 * (ibrav 2), bcc (ibrav 3), simple cubic (ibrav 1), rock salt (ibrav 2, two atoms). celldm(1) = a / a₀ with the Bohr
 * radius a₀ = 0.529177210903 Å (CODATA 2018). The pseudopotential of each element is a file in the configured
 * pseudopotential directory whose name starts with {@code <Element>.}, norm-conserving ones preferred (see
 * {@link #preference}); species masses are IUPAC standard
 * atomic weights. Called by the route {@code lattice-to-dft} ({@code routes/jobs-trigger.camel.yaml}); one job per
 * analysis.
 */
public final class LatticeJobTrigger {

    /** The Bohr radius, Å (CODATA 2018). */
    public static final double BOHR_A = 0.529177210903;

    private static final Logger LOG = LoggerFactory.getLogger(LatticeJobTrigger.class);

    private final JobService jobs;
    private final JobRepository repository;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final String profileId;
    private final Path pseudoDir;
    private final double ecutwfc;
    private final int kpoints;

    /**
     * @param profileId where the calculations run
     * @param pseudoDir the pseudopotential directory on that profile's machines (read here to pick files, so the hub
     *                  must see the same files: true for LOCAL and for a cluster that shares the directory)
     * @param ecutwfc   the wavefunction cutoff, Ry
     * @param kpoints   the Monkhorst–Pack grid size in each direction
     */
    public LatticeJobTrigger(JobService jobs, JobRepository repository, DataSource dataSource, ObjectMapper json,
            String profileId, Path pseudoDir, double ecutwfc, int kpoints) {
        this.jobs = jobs;
        this.repository = repository;
        this.dataSource = dataSource;
        this.json = json;
        this.profileId = profileId;
        this.pseudoDir = pseudoDir;
        this.ecutwfc = ecutwfc;
        this.kpoints = kpoints;
    }

    /**
     * Submits the SCF for a stored XRD analysis, unless one exists or the crystal is not one it can set up (logged).
     *
     * @param analysis the stored analysis as the analysis service tells it (id, kind, status, lattice, value, …)
     * @return the job, or {@code null} when none was submitted
     */
    public Job onAnalysis(Map<String, Object> analysis) throws SQLException, IOException {
        if (!"xrd.pattern".equals(analysis.get("kind")) || !"OK".equals(analysis.get("status"))
                || !(analysis.get("value") instanceof Double a) || analysis.get("lattice") == null) {
            return null;
        }
        long analysisId = ((Number) analysis.get("id")).longValue();
        if (repository.ofAnalysis(analysisId, "qe-pw").isPresent()) {
            return null;
        }
        String lattice = analysis.get("lattice").toString();
        UUID runId = (UUID) analysis.get("experimentRunId");
        JsonNode run = runId == null ? json.createObjectNode() : run(runId);
        String[] species = species(lattice, run);
        if (species == null) {
            LOG.info("Analysis {}: no DFT job for a {} lattice without the species (set the run's material or "
                    + "parameters)", analysisId, lattice);
            return null;
        }
        String cards;
        try {
            cards = cards(lattice, species);
        } catch (IllegalArgumentException e) {
            // a crystal the site's pseudopotential library does not cover: no job, and the log says what to add
            LOG.warn("Analysis {}: no DFT job for {}: {} (add a UPF file for it)", analysisId,
                    String.join("", species), e.getMessage());
            return null;
        }
        ObjectNode parameters = json.createObjectNode();
        parameters.put("calculation", "scf");
        parameters.put("prefix", "labhub");
        parameters.put("pseudo_dir", pseudoDir.toAbsolutePath().toString());
        parameters.put("ibrav", switch (lattice) {
            case "BODY_CENTRED_CUBIC" -> 3;
            case "SIMPLE_CUBIC" -> 1;
            default -> 2;
        });
        parameters.put("celldm1", Math.round(a / BOHR_A * 1e6) / 1e6);
        parameters.put("nat", "DIAMOND".equals(lattice) || "ROCK_SALT".equals(lattice) ? 2 : 1);
        parameters.put("ntyp", species.length);
        parameters.put("ecutwfc", ecutwfc);
        if ("FACE_CENTRED_CUBIC".equals(lattice) || "BODY_CENTRED_CUBIC".equals(lattice)) {
            parameters.put("occupations", "smearing");
        }
        Object measurement = analysis.get("measurementId");
        Job job = jobs.submit(new JobRequest(profileId, "qe-pw", "SCF of " + String.join("", species) + " at a = "
                + String.format(Locale.ROOT, "%.5f", a) + " Å (analysis " + analysisId + ")", parameters,
                json.createObjectNode(), Map.of("structure.cards", cards.getBytes(StandardCharsets.UTF_8)),
                measurement == null ? null : ((Number) measurement).longValue(), analysisId, runId));
        LOG.info("Analysis {}: {} lattice a = {} Å → Quantum ESPRESSO job {}", analysisId, lattice, a, job.id());
        return job;
    }

    private String[] species(String lattice, JsonNode run) {
        JsonNode p = run.path("parameters");
        if ("ROCK_SALT".equals(lattice)) {
            String cation = p.path("cation").asText(null);
            String anion = p.path("anion").asText(null);
            return element(cation) && element(anion) ? new String[] {cation, anion} : null;
        }
        String e = p.path("element").asText(null);
        if (!element(e)) {
            e = run.path("material").asText(null);
        }
        return element(e) && !"ROCK_SALT".equals(lattice) ? new String[] {e} : null;
    }

    private static boolean element(String s) {
        return s != null && s.matches("[A-Z][a-z]?") && AtomicWeights.isElement(s);
    }

    private String cards(String lattice, String[] species) throws IOException {
        StringBuilder b = new StringBuilder("ATOMIC_SPECIES\n");
        for (String s : species) {
            b.append(String.format(Locale.ROOT, "%s %.4f %s%n", s, AtomicWeights.of(s).value(), pseudo(s)));
        }
        b.append("ATOMIC_POSITIONS alat\n");
        switch (lattice) {
            case "DIAMOND" -> b.append(species[0]).append(" 0.00 0.00 0.00\n").append(species[0])
                    .append(" 0.25 0.25 0.25\n");
            case "ROCK_SALT" -> b.append(species[0]).append(" 0.00 0.00 0.00\n").append(species[1])
                    .append(" 0.50 0.00 0.00\n");
            default -> b.append(species[0]).append(" 0.00 0.00 0.00\n");
        }
        // a Monkhorst–Pack grid shifted by half a step, the usual choice for cubic cells (it avoids Γ and the
        // high-symmetry points that an unshifted even grid wastes)
        b.append("K_POINTS automatic\n").append(kpoints).append(' ').append(kpoints).append(' ').append(kpoints)
                .append(" 1 1 1\n");
        return b.toString();
    }

    private String pseudo(String element) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pseudoDir, element + ".*")) {
            Optional<String> first = java.util.stream.StreamSupport.stream(files.spliterator(), false)
                    .map(f -> f.getFileName().toString()).filter(n -> n.toUpperCase(Locale.ROOT).endsWith(".UPF"))
                    .sorted(java.util.Comparator.comparingInt(LatticeJobTrigger::preference)
                            .thenComparing(java.util.Comparator.naturalOrder()))
                    .findFirst();
            return first.orElseThrow(() -> new IllegalArgumentException("no pseudopotential for " + element + " in "
                    + pseudoDir));
        }
    }

    /**
     * Norm-conserving pseudopotentials first (von Barth–Car {@code vbc}, Martins–Troullier {@code mt}): they converge
     * at the low cutoffs a quick SCF uses; ultrasoft and PAW ones need a higher density cutoff.
     */
    private static int preference(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("vbc") ? 0 : n.contains("-mt") ? 1 : 2;
    }

    private JsonNode run(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT material, parameters FROM experiment_runs WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                ObjectNode o = json.createObjectNode();
                if (rs.next()) {
                    o.put("material", rs.getString(1));
                    o.set("parameters", json.readTree(rs.getString(2)));
                }
                return o;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException(e);
            }
        }
    }
}
