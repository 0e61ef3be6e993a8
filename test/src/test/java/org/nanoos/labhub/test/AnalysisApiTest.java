package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nanoos.labhub.test.ApiClient.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nanoos.labhub.simulator.uvvis.Spectrum;
import org.nanoos.labhub.simulator.uvvis.ThinFilm;
import org.nanoos.labhub.simulator.uvvis.UvVisConfig;
import org.nanoos.labhub.simulator.uvvis.UvVisSpectrometer;
import org.nanoos.labhub.simulator.xrd.XrdDiffractometer;
import org.nanoos.labhub.simulator.xrd.XrdScan;
import org.nanoos.labhub.simulator.xrd.XrdSettings;
import org.nanoos.labhub.verticals.crystallography.Crystal;
import org.nanoos.labhub.verticals.crystallography.Radiation;

/**
 * The analyses over the hub's real HTTP server, on posted data: results checked against published values or the
 * ground truth the data were made from, and bad requests answered with a problem document that says what was wrong.
 * No token is sent: the analyses change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisApiTest extends HubTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestServers servers = TestServers.get();
    private static final Properties properties = HubProperties.forTest(servers, "analysis-api-test",
            servers.newDatabase());

    static {
        // 2 MiB instead of the shipped 32 MiB, to show the server's own limit without a 32 MiB request
        properties.setProperty("camel.server.max-body-size", Integer.toString(2 * 1024 * 1024));
    }

    private final ApiClient api = new ApiClient(properties, null);

    @Override
    protected Properties hubProperties() {
        return properties;
    }

    private HttpResponse<String> post(String path, Object body) throws Exception {
        return api.send("POST", path, body instanceof String s ? s : JSON.writeValueAsString(body), false);
    }

    private JsonNode ok(String path, Object body) throws Exception {
        HttpResponse<String> r = post(path, body);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static ObjectNode body(Object... fieldsAndValues) {
        ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            o.set((String) fieldsAndValues[i], JSON.valueToTree(fieldsAndValues[i + 1]));
        }
        return o;
    }

    private JsonNode capacity(String formula, String basis) throws Exception {
        return ok("/battery/capacity", body("formula", formula, "carrier", "Li", "carriers", 1, "basis", basis));
    }

    @Test
    void should_give_the_theoretical_capacities_of_the_common_lithium_electrodes() throws Exception {
        // N. Nitta, F. Wu, J. T. Lee, G. Yushin, Mater. Today 18 (2015) 252, Fig. 2 and 4: LiCoO2 274, LiMn2O4 148,
        // LiFePO4 170 mAh/g (per gram of the lithiated cathode), graphite 372 mAh/g (LiC6, per gram of C6)
        JsonNode lfp = capacity("LiFePO4", "CONTAINS_CARRIERS");
        assertThat(lfp.get("asGivenMahPerG").asDouble()).isCloseTo(170, within(0.5));
        assertThat(lfp.get("molarMass").get("gPerMol").asDouble()).isCloseTo(157.76, within(0.01));
        assertThat(lfp.get("hostFormula").asText()).isEqualTo("FePO4");
        assertThat(capacity("LiCoO2", "CONTAINS_CARRIERS").get("asGivenMahPerG").asDouble())
                .isCloseTo(274, within(0.5));
        assertThat(capacity("LiMn2O4", "CONTAINS_CARRIERS").get("asGivenMahPerG").asDouble())
                .isCloseTo(148, within(0.5));
        JsonNode graphite = capacity("LiC6", "CONTAINS_CARRIERS");
        assertThat(graphite.get("perHostMahPerG").asDouble()).isCloseTo(372, within(0.5));
        assertThat(graphite.get("hostFormula").asText()).isEqualTo("C6");
        // the same number from the empty host
        assertThat(capacity("C6", "HOST").get("asGivenMahPerG").asDouble())
                .isCloseTo(graphite.get("perHostMahPerG").asDouble(), within(1e-9));
    }

    @Test
    void should_estimate_the_average_voltage_from_total_energies() throws Exception {
        // by hand: ΔE = −16.0 − (−10.0) − 1·(−1.9) = −4.1 eV per formula unit, V = −ΔE/(n·z) = 4.1 V
        JsonNode v = ok("/battery/voltage-estimate", body("chargedEv", -10.0, "dischargedEv", -16.0,
                "metalEvPerAtom", -1.9, "carrier", "Li", "carriers", 1));
        assertThat(v.get("voltageV").asDouble()).isCloseTo(4.1, within(1e-12));
        assertThat(v.get("reactionEnergyEv").asDouble()).isCloseTo(-4.1, within(1e-12));
        // Mg²⁺ carries two electrons: half the voltage for the same energies
        JsonNode mg = ok("/battery/voltage-estimate", body("chargedEv", -10.0, "dischargedEv", -16.0,
                "metalEvPerAtom", -1.9, "carrier", "Mg", "carriers", 1));
        assertThat(mg.get("voltageV").asDouble()).isCloseTo(2.05, within(1e-12));
    }

    @Test
    void should_index_a_silicon_pattern_from_the_diffractometer_as_diamond_with_its_lattice_constant()
            throws Exception {
        // ground truth: the crystal the forward model was given, diamond-structure Si with a = 5.431 Å
        XrdScan scan = new XrdDiffractometer(XrdSettings.labDiffractometer(Crystal.diamond("Si", 5.431, 0.46)))
                .scan();
        JsonNode xrd = ok("/analysis/xrd", body("twoThetaDeg", scan.twoThetaDeg(), "intensity", scan.counts(),
                "radiation", "CuKa1"));
        JsonNode indexing = xrd.get("indexing");
        assertThat(indexing.get("lattice").asText()).isEqualTo("DIAMOND");
        assertThat(indexing.get("aA").asDouble()).isCloseTo(5.431, within(5.431e-3));
        assertThat(indexing.get("uAA").asDouble()).isPositive();
        assertThat(xrd.get("peaks").get(0).get("twoThetaDeg").asDouble()).isCloseTo(28.44, within(0.02));
        assertThat(xrd.get("wavelengthA").asDouble()).isEqualTo(Radiation.CU_K_ALPHA1_A);

        // an unmonochromated tube: each line is a Kα1/Kα2 doublet, fitted as one with radiation "CuKa"
        XrdScan doublet = new XrdDiffractometer(XrdSettings.labDiffractometer(Crystal.diamond("Si", 5.431, 0.46))
                .withRadiation(Radiation.copperKAlpha12())).scan();
        JsonNode both = ok("/analysis/xrd", body("twoThetaDeg", doublet.twoThetaDeg(), "intensity",
                doublet.counts(), "radiation", "CuKa"));
        assertThat(both.get("indexing").get("lattice").asText()).isEqualTo("DIAMOND");
        assertThat(both.get("indexing").get("aA").asDouble()).isCloseTo(5.431, within(5.431e-3));
        // analysed as Kα1 only, the doublets do not index; the advice is given in the request's terms
        HttpResponse<String> wrong = post("/analysis/xrd", body("twoThetaDeg", doublet.twoThetaDeg(),
                "intensity", doublet.counts(), "radiation", "CuKa1"));
        assertProblem(wrong, 422, "\"reason\":\"UNINDEXABLE\"");
        assertThat(wrong.body()).contains("\\\"radiation\\\": \\\"CuKa\\\"").doesNotContain("copperKAlpha12");

        // options: peaks only, no indexing
        JsonNode peaksOnly = ok("/analysis/xrd", body("twoThetaDeg", scan.twoThetaDeg(), "intensity",
                scan.counts(), "wavelengthA", 1.5406, "latticeSearch", "none", "instrumentalFwhmDeg", 0.03));
        assertThat(peaksOnly.get("indexing").isNull()).isTrue();
        assertThat(peaksOnly.get("options").get("instrument").get("wDeg2").asDouble()).isCloseTo(9e-4, within(1e-12));
    }

    @Test
    void should_find_the_band_gap_of_a_gallium_arsenide_film_with_or_without_its_thickness() throws Exception {
        // GaAs: direct gap 1.42 eV at 300 K (Sze & Ng, Physics of Semiconductor Devices, 3rd ed., 2007), the
        // simulator's film, 500 nm, scanned 1100 → 700 nm with its baseline and photometric noise
        Spectrum s = UvVisSpectrometer.create(ThinFilm.galliumArsenide(500), UvVisConfig.defaults(), 3).scan();
        JsonNode tauc = ok("/analysis/uvvis/tauc", body("wavelengthNm", s.wavelengthNm(), "values", s.absorbance(),
                "ordinate", "absorbance", "thicknessNm", 500, "transition", "auto"));
        assertThat(tauc.get("transition").asText()).isEqualTo("DIRECT_ALLOWED");
        assertThat(tauc.get("bandGapEv").asDouble()).isCloseTo(1.42, within(0.02));
        assertThat(tauc.get("options").get("thicknessNm").asDouble()).isEqualTo(500);

        // as percent transmittance and without a thickness: the same gap; the answer says what the slopes refer to
        double[] percent = new double[s.size()];
        for (int i = 0; i < percent.length; i++) {
            percent[i] = 100 * Math.pow(10, -s.absorbance()[i]);
        }
        JsonNode noThickness = ok("/analysis/uvvis/tauc", body("wavelengthNm", s.wavelengthNm(), "values", percent,
                "ordinate", "percent", "transition", "direct"));
        assertThat(noThickness.get("bandGapEv").asDouble()).isCloseTo(tauc.get("bandGapEv").asDouble(), within(1e-6));
        assertThat(noThickness.get("options").get("thicknessNm").isNull()).isTrue();
        assertThat(noThickness.get("notes").get(0).asText()).contains("no thicknessNm given");
    }

    @Test
    void should_analyse_cycling_with_retention_fade_and_differential_capacity() throws Exception {
        // three cycles at ±1 mA, 10 mg of active material: 1 h charges, discharges of 100, 99 and 98 × 36 s
        // (1.00, 0.99, 0.98 mAh): coulombic efficiency 1, 0.99, 0.98, retention 100, 99, 98 %, fade 1 %/cycle
        List<double[]> points = new ArrayList<>();
        double t = 0;
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k <= 100; k++) {
                points.add(new double[] {t + 36 * k, 3.2 + 0.3 * k / 100, 1.0});
            }
            t += 3601;
            int m = 100 - c;
            for (int k = 0; k <= m; k++) {
                points.add(new double[] {t + 36 * k, 3.4 - 0.3 * k / m, -1.0});
            }
            t += 36 * m + 1;
        }
        double[][] columns = new double[3][points.size()];
        for (int i = 0; i < points.size(); i++) {
            for (int j = 0; j < 3; j++) {
                columns[j][i] = points.get(i)[j];
            }
        }
        JsonNode cycling = ok("/battery/cycling", body("timeS", columns[0], "voltageV", columns[1], "currentMa",
                columns[2], "activeMassG", 0.01, "dqdv", body("cycle", 2, "direction", "CHARGE")));
        JsonNode cycles = cycling.get("cycles");
        assertThat(cycles).hasSize(3);
        assertThat(cycles.get(0).get("chargeCapacityMah").asDouble()).isCloseTo(1.0, within(1e-3));
        assertThat(cycles.get(0).get("chargeCapacityMahPerG").asDouble()).isCloseTo(100, within(0.1));
        assertThat(cycles.get(0).get("coulombicEfficiency").asDouble()).isCloseTo(1.0, within(1e-3));
        assertThat(cycles.get(2).get("retentionPercent").asDouble()).isCloseTo(98, within(0.05));
        assertThat(cycling.get("fade").get("fadeRatePercentPerCycle").asDouble()).isCloseTo(1.0, within(0.01));
        JsonNode dqdv = cycling.get("differentialCapacity");
        assertThat(dqdv.get("unit").asText()).isEqualTo("mAh/(g·V)");
        assertThat(dqdv.get("capacityMah").asDouble()).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void should_compute_the_phase_change_memory_figures() throws Exception {
        // R(T) whose log10 R falls by 3 decades as a logistic centred on 430 K: its steepest fall is at 430 K
        int n = 121;
        double[] temperature = new double[n];
        double[] resistance = new double[n];
        for (int i = 0; i < n; i++) {
            temperature[i] = 370 + i;
            resistance[i] = Math.pow(10, 7 - 3 / (1 + Math.exp(-(temperature[i] - 430) / 3)));
        }
        JsonNode tc = ok("/pcm/crystallization-temperature", body("temperatureK", temperature, "resistanceOhm",
                resistance));
        assertThat(tc.get("temperatureK").asDouble()).isCloseTo(430, within(0.05));
        double[] celsius = new double[n];
        for (int i = 0; i < n; i++) {
            celsius[i] = temperature[i] - 273.15;
        }
        assertThat(ok("/pcm/crystallization-temperature", body("temperatureC", celsius, "resistanceOhm",
                resistance)).get("temperatureC").asDouble()).isCloseTo(156.85, within(0.05));

        // by hand: m = 6000 kg/m³ · 1e-21 m³ = 6e-18 kg; sensible 6e-18 · 200 · (900 − 300) = 7.2e-13 J; latent
        // 6e-18 · 1e5 = 6e-13 J; heat 1.32e-12 J; pulse at 1 % efficiency 1.32e-10 J = 132 pJ
        JsonNode pulse = ok("/pcm/switching-energy", body("lengthM", 100e-9, "widthM", 100e-9, "thicknessM", 100e-9,
                "densityKgPerM3", 6000, "specificHeatJPerKgK", 200, "ambientK", 300, "meltingK", 900,
                "latentHeatJPerKg", 1e5, "efficiency", 0.01));
        assertThat(pulse.get("sensibleHeatJ").asDouble()).isCloseTo(7.2e-13, within(1e-24));
        assertThat(pulse.get("latentHeatJ").asDouble()).isCloseTo(6.0e-13, within(1e-24));
        assertThat(pulse.get("electricalEnergyPj").asDouble()).isCloseTo(132, within(1e-9));

        JsonNode contrast = ok("/pcm/contrast", body("amorphous", 1e7, "crystalline", 1e4));
        assertThat(contrast.get("ratio").asDouble()).isCloseTo(1000, within(1e-9));
        assertThat(contrast.get("decades").asDouble()).isCloseTo(3, within(1e-12));

        // by hand: −400 eV/90 atoms − (−405 eV/90 atoms) = 5/90 eV/atom = 55.6 meV/atom; × 9 atoms of Ge2Sb2Te5
        JsonNode phase = ok("/pcm/phase-energy", body("amorphousEv", -400.0, "amorphousAtoms", 90, "crystallineEv",
                -405.0, "crystallineAtoms", 90, "formula", "Ge2Sb2Te5"));
        assertThat(phase.get("perAtomMeV").asDouble()).isCloseTo(5000.0 / 90, within(1e-9));
        assertThat(phase.get("perFormulaUnitEv").asDouble()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void should_give_deposition_statistics_and_mass_yield() throws Exception {
        // by hand: mean 100 nm, s = √(((−2)² + 0 + 2²)/2) = 2 nm, half range 2 %, 1σ 2 %,
        // rate 100 nm/50 s = 2 nm/s
        JsonNode film = ok("/synthesis/deposition", body("thicknessNm", new double[] {98, 100, 102},
                "depositionTimeS", 50, "spec", body("targetNm", 100, "toleranceNm", 1)));
        assertThat(film.get("meanNm").asDouble()).isCloseTo(100, within(1e-12));
        assertThat(film.get("standardDeviationNm").asDouble()).isCloseTo(2, within(1e-12));
        assertThat(film.get("halfRangeNonUniformityPercent").asDouble()).isCloseTo(2, within(1e-12));
        assertThat(film.get("depositionRateNmPerS").asDouble()).isCloseTo(2, within(1e-12));
        assertThat(film.get("inSpecPoints").asInt()).isEqualTo(1);
        JsonNode noTime = ok("/synthesis/deposition", body("thicknessNm", new double[] {98, 100, 102}));
        assertThat(noTime.get("depositionRateNmPerS").isNull()).isTrue();
        assertThat(ok("/synthesis/mass-yield", body("measuredG", 0.9, "theoreticalG", 1.2)).get("percent").asDouble())
                .isCloseTo(75, within(1e-12));
    }

    @Test
    void should_refuse_bad_requests_saying_what_was_wrong() throws Exception {
        ObjectNode lfp = body("formula", "LiFePO4", "carrier", "Li", "carriers", 1, "basis", "CONTAINS_CARRIERS");

        // the science refuses: 422 with its message and reason
        assertProblem(post("/battery/capacity", lfp.deepCopy().put("formula", "LiXxO2")), 422,
                "unknown element 'Xx' at index 2");
        assertProblem(post("/battery/capacity", lfp.deepCopy().put("formula", "LiXxO2")), 422,
                "\"reason\":\"UNKNOWN_ELEMENT\"");
        assertProblem(post("/battery/capacity", lfp.deepCopy().put("formula", "FePO4")), 422,
                "CARRIERS_NOT_IN_FORMULA");
        double[] few = {20, 21, 22, 23, 24};
        assertProblem(post("/analysis/xrd", body("twoThetaDeg", few, "intensity", few, "radiation", "CuKa1")), 422,
                "a pattern needs at least 20 points, got 5");
        double[] unsorted = new double[30];
        double[] counts = new double[30];
        for (int i = 0; i < 30; i++) {
            unsorted[i] = 20 + 0.1 * i;
            counts[i] = 100;
        }
        unsorted[10] = unsorted[9] - 0.05;
        assertProblem(post("/analysis/xrd", body("twoThetaDeg", unsorted, "intensity", counts, "radiation", "CuKa1")),
                422, "\"reason\":\"NOT_ASCENDING\"");
        assertProblem(post("/pcm/crystallization-temperature", body("temperatureK", new double[] {300, 310, 320},
                "resistanceOhm", new double[] {1e6, 1e5, 1e4})), 422, "a sweep needs at least 10 points, got 3");
        assertProblem(post("/pcm/switching-energy", body("volumeM3", 1e-21, "densityKgPerM3", 6000,
                "specificHeatJPerKgK", 200, "ambientK", 300, "meltingK", 900, "latentHeatJPerKg", 1e5,
                "efficiency", 1.5)), 422, "efficiency is a fraction in (0, 1], was 1.5");

        // NaN cannot be sent: null and strings in an array are refused with the index, bare NaN is not JSON
        ArrayNode withNull = JSON.valueToTree(counts);
        withNull.setNull(3);
        assertProblem(post("/analysis/xrd", body("twoThetaDeg", unsorted, "intensity", withNull, "radiation",
                "CuKa1")), 400, "intensity[3] is null");
        ArrayNode withString = JSON.valueToTree(counts);
        withString.set(4, JSON.getNodeFactory().textNode("NaN"));
        assertProblem(post("/analysis/xrd", body("twoThetaDeg", unsorted, "intensity", withString, "radiation",
                "CuKa1")), 400, "intensity[4] must be a number, was the string \\\"NaN\\\"");
        assertProblem(post("/pcm/contrast", "{\"amorphous\":NaN,\"crystalline\":1}"), 400, "not valid JSON");
        assertProblem(post("/pcm/contrast", body("amorphous", null, "crystalline", 1)), 400,
                "field 'amorphous' is required and may not be null");

        // shape of the request: missing, unknown and mistyped fields, choices, alternatives
        ObjectNode missing = lfp.deepCopy();
        missing.remove("carriers");
        assertProblem(post("/battery/capacity", missing), 400, "field 'carriers' is required");
        assertProblem(post("/battery/capacity", lfp.deepCopy().put("colour", "blue")), 400,
                "unknown field 'colour'; known fields: basis, carrier, carriers, dotReading, formula");
        assertProblem(post("/battery/capacity", lfp.deepCopy().put("carriers", "one")), 400,
                "field 'carriers' must be a number, was the string \\\"one\\\"");
        assertProblem(post("/battery/capacity", lfp.deepCopy().put("carrier", "H")), 400,
                "field 'carrier' is 'H'; allowed: Li, Na, K, Mg, Ca, Zn, Al");
        assertProblem(post("/battery/capacity", lfp.deepCopy().put("basis", "LOADED")), 400,
                "allowed: CONTAINS_CARRIERS, HOST");
        assertProblem(post("/analysis/xrd", body("twoThetaDeg", unsorted, "intensity", counts, "radiation",
                "MoKa1")), 400, "for another tube give 'wavelengthA'");
        assertProblem(post("/analysis/xrd", body("twoThetaDeg", unsorted, "intensity", counts)), 400,
                "field 'radiation' or 'wavelengthA' is required");
        assertProblem(post("/synthesis/deposition", body("thicknessNm", new double[] {1, 2}, "spec",
                body("targetNm", 100, "tolerance", 5))), 400, "unknown field 'spec.tolerance'");
        assertProblem(post("/battery/cycling", body("timeS", new double[] {0, 1}, "voltageV", new double[] {3, 3},
                "currentMa", new double[] {1, 1}, "cycleIndex", new double[] {1, 1.5})), 400,
                "field 'cycleIndex[1]' must be a whole number, was 1.5");
        assertProblem(post("/pcm/contrast", ""), 400, "needs a JSON body");
        assertProblem(post("/pcm/contrast", "[1,2]"), 400, "must be a JSON object");
        assertProblem(post("/pcm/contrast", "{\"amorphous\":1,\"amorphous\":2,\"crystalline\":1}"), 400,
                "Duplicate field 'amorphous'");

        // too many points (a 0.8 MB body), and a body above camel.server.max-body-size, refused by the server
        double[] huge = new double[200_001];
        assertProblem(post("/synthesis/deposition", body("thicknessNm", huge)), 413,
                "has 200001 points; at most 200000");
        String padded = "{\"thicknessNm\":[98,100,102]" + " ".repeat(3_000_000) + "}";
        assertThat(post("/synthesis/deposition", padded).statusCode()).isEqualTo(413);
        assertThat(post("/synthesis/deposition", padded.substring(0, 1_000_000) + "}").statusCode()).isEqualTo(200);
    }

    @Test
    void should_describe_every_analysis_in_the_openapi_document() throws Exception {
        HttpResponse<String> openapi = api.send("GET", "/openapi.json", null, false);
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/analysis/xrd", "/analysis/uvvis/tauc", "/battery/capacity",
                "/battery/voltage-estimate", "/battery/cycling", "/pcm/switching-energy",
                "/pcm/crystallization-temperature", "/pcm/contrast", "/pcm/phase-energy", "/synthesis/deposition",
                "/synthesis/mass-yield", "Theoretical gravimetric capacity");
    }
}
