package org.nanoos.labhub.hub.api;

import static org.nanoos.labhub.hub.api.AnalysisRequest.fields;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.nanoos.labhub.processors.analysis.AnalysisJson;
import org.nanoos.labhub.verticals.battery.BatteryAnalysisException;
import org.nanoos.labhub.verticals.battery.CarrierIon;
import org.nanoos.labhub.verticals.battery.ChemicalFormula;
import org.nanoos.labhub.verticals.battery.CycleStart;
import org.nanoos.labhub.verticals.battery.CyclerData;
import org.nanoos.labhub.verticals.battery.CyclingAnalyzer;
import org.nanoos.labhub.verticals.battery.CyclingOptions;
import org.nanoos.labhub.verticals.battery.DotReading;
import org.nanoos.labhub.verticals.battery.DqDvOptions;
import org.nanoos.labhub.verticals.battery.ElectrodeCalculator;
import org.nanoos.labhub.verticals.battery.FormulaBasis;
import org.nanoos.labhub.verticals.battery.StepKind;
import org.nanoos.labhub.verticals.crystallography.Radiation;
import org.nanoos.labhub.verticals.pcm.CrystallizationOptions;
import org.nanoos.labhub.verticals.pcm.PcmAnalysisException;
import org.nanoos.labhub.verticals.pcm.PcmCalculator;
import org.nanoos.labhub.verticals.pcm.ResistanceSweep;
import org.nanoos.labhub.verticals.pcm.SwitchingHeatModel;
import org.nanoos.labhub.verticals.synthesis.DepositionRun;
import org.nanoos.labhub.verticals.synthesis.SynthesisAnalysisException;
import org.nanoos.labhub.verticals.synthesis.SynthesisAnalyzer;
import org.nanoos.labhub.verticals.synthesis.ThicknessSpec;
import org.nanoos.labhub.verticals.uvvis.Ordinate;
import org.nanoos.labhub.verticals.uvvis.TaucAnalyzer;
import org.nanoos.labhub.verticals.uvvis.TaucOptions;
import org.nanoos.labhub.verticals.uvvis.TransitionSelection;
import org.nanoos.labhub.verticals.uvvis.UvVisAnalysisException;
import org.nanoos.labhub.verticals.uvvis.UvVisSpectrum;
import org.nanoos.labhub.verticals.xrd.BroadeningCorrection;
import org.nanoos.labhub.verticals.xrd.FitWeighting;
import org.nanoos.labhub.verticals.xrd.InstrumentalBroadening;
import org.nanoos.labhub.verticals.xrd.LatticeSearch;
import org.nanoos.labhub.verticals.xrd.NegativeIntensityPolicy;
import org.nanoos.labhub.verticals.xrd.XrdAnalysis;
import org.nanoos.labhub.verticals.xrd.XrdAnalysisException;
import org.nanoos.labhub.verticals.xrd.XrdAnalyzer;
import org.nanoos.labhub.verticals.xrd.XrdOptions;
import org.nanoos.labhub.verticals.xrd.XrdPattern;

/**
 * The verticals' analyses over REST, on data posted with the request: XRD, Tauc band gap, electrode capacity and
 * voltage, galvanostatic cycling, phase-change memory figures and deposition statistics. Each method reads one JSON
 * object from the body, refuses unknown, missing or mistyped fields with 400 (arrays longer than
 * {@value AnalysisRequest#MAX_POINTS} points with 413), runs the science, and answers its result record as JSON
 * ({@link AnalysisJson}: what could not be determined is {@code null}). When the science refuses the data it answers
 * 422 with the science's message and its reason code; no number is made up. Nothing is stored, so no token is
 * needed. The methods take the exchange, so a YAML route can call them as bean {@code analysisApi} too.
 *
 * <pre>
 * curl -H 'Content-Type: application/json' http://localhost:8080/api/battery/capacity \
 *      -d '{"formula":"LiFePO4","carrier":"Li","carriers":1,"basis":"CONTAINS_CARRIERS"}'
 * </pre>
 */
public final class AnalysisApi {

    /** Film thickness used when none is given: 1 cm, so α·t = ln 10 · A (see {@link #tauc}). */
    private static final double UNIT_PATH_NM = 1e7;

    private static final Set<String> XRD = fields("twoThetaDeg", "intensity", "radiation", "wavelengthA",
            "latticeSearch", "scherrerK", "instrumentalFwhmDeg", "caglioti", "broadeningCorrection",
            "negativeIntensity", "weighting", "minSignalToNoise", "minRelativeHeight", "backgroundWindowDeg",
            "smoothingWindowPoints");
    private static final Set<String> CAGLIOTI = fields("uDeg2", "vDeg2", "wDeg2");
    private static final Set<String> TAUC = fields("wavelengthNm", "values", "ordinate", "thicknessNm", "transition",
            "minWindowPoints", "minRSquared", "steepFraction", "maxAbsorbance");
    private static final Set<String> CAPACITY = fields("formula", "carrier", "carriers", "basis", "dotReading");
    private static final Set<String> VOLTAGE = fields("chargedEv", "dischargedEv", "metalEvPerAtom", "carrier",
            "carriers");
    private static final Set<String> CYCLING = fields("timeS", "voltageV", "currentMa", "cycleIndex", "activeMassG",
            "restThresholdMa", "start", "referenceCycle", "dqdv");
    private static final Set<String> DQDV = fields("cycle", "direction", "binWidthV", "smoothingBins");
    private static final Set<String> SWITCHING = fields("volumeM3", "lengthM", "widthM", "thicknessM",
            "densityKgPerM3", "specificHeatJPerKgK", "ambientK", "meltingK", "latentHeatJPerKg", "efficiency");
    private static final Set<String> CRYSTALLIZATION = fields("temperatureK", "temperatureC", "resistanceOhm",
            "smoothingHalfWidthK", "minDropDecades");
    private static final Set<String> CONTRAST = fields("amorphous", "crystalline");
    private static final Set<String> PHASE_ENERGY = fields("amorphousEv", "amorphousAtoms", "crystallineEv",
            "crystallineAtoms", "atomsPerFormulaUnit", "formula");
    private static final Set<String> DEPOSITION = fields("thicknessNm", "depositionTimeS", "spec");
    private static final Set<String> SPEC = fields("minNm", "maxNm", "targetNm", "toleranceNm", "tolerancePercent");
    private static final Set<String> MASS_YIELD = fields("measuredG", "theoreticalG");

    /** The science's advice in Java terms, and how to say it in a request. */
    private static final Map<String, String> REQUEST_SPELLING = Map.of(
            "Radiation.copperKAlpha12()", "\"radiation\": \"CuKa\"",
            "parse with DotReading.DECIMAL_POINT or HYDRATE_DOT", "set \"dotReading\" to DECIMAL_POINT or HYDRATE_DOT");

    private final ObjectMapper reader = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final ObjectMapper writer = AnalysisJson.mapper();

    /** POST /api/analysis/xrd: peaks, d-spacings, lattice and crystallite size of a powder pattern. */
    public void xrd(Exchange exchange) throws Exception {
        AnalysisRequest r = read(exchange, XRD);
        double[] twoTheta = r.numbers("twoThetaDeg");
        double[] intensity = r.numbers("intensity");
        r.oneOf("radiation", "wavelengthA");
        Radiation radiation = r.has("wavelengthA") ? monochromatic(r.number("wavelengthA"))
                : radiation(r.text("radiation"));
        XrdOptions d = XrdOptions.defaults(radiation);
        LatticeSearch search = r.choice("latticeSearch", LatticeSearch.class, Map.of(), d.latticeSearch());
        double scherrerK = r.number("scherrerK", d.scherrerK());
        r.notBoth("instrumentalFwhmDeg", "caglioti");
        Double constantFwhm = r.optionalNumber("instrumentalFwhmDeg");
        AnalysisRequest caglioti = r.object("caglioti", CAGLIOTI);
        double[] uvw = caglioti == null ? null
                : new double[] {caglioti.number("uDeg2"), caglioti.number("vDeg2"), caglioti.number("wDeg2")};
        BroadeningCorrection correction = r.choice("broadeningCorrection", BroadeningCorrection.class, Map.of(),
                d.broadeningCorrection());
        NegativeIntensityPolicy negative = r.choice("negativeIntensity", NegativeIntensityPolicy.class, Map.of(),
                d.negativeIntensity());
        FitWeighting weighting = r.choice("weighting", FitWeighting.class, Map.of(), d.weighting());
        double signalToNoise = r.number("minSignalToNoise", d.minSignalToNoise());
        double relativeHeight = r.number("minRelativeHeight", d.minRelativeHeight());
        double backgroundDeg = r.number("backgroundWindowDeg", d.backgroundWindowDeg());
        int smoothingPoints = r.integer("smoothingWindowPoints", d.smoothingWindowPoints());
        respond(exchange, compute(() -> {
            InstrumentalBroadening instrument = constantFwhm != null ? InstrumentalBroadening.constant(constantFwhm)
                    : uvw != null ? new InstrumentalBroadening(uvw[0], uvw[1], uvw[2]) : d.instrument();
            XrdOptions options = new XrdOptions(radiation, backgroundDeg, d.backgroundLlsTransform(), smoothingPoints,
                    d.smoothingOrder(), signalToNoise, relativeHeight, d.fitWindowFwhm(), weighting, negative, search,
                    d.indexingToleranceDeg(), d.maxIndexingLines(), d.minFigureOfMerit(), scherrerK, instrument,
                    correction);
            XrdAnalysis analysis = XrdAnalyzer.analyze(new XrdPattern(twoTheta, intensity), options);
            ObjectNode out = (ObjectNode) AnalysisJson.toJson(analysis);
            ArrayNode notes = out.putArray("notes");
            analysis.notes().forEach(note -> notes.add(inRequestTerms(note)));
            return out;
        }));
    }

    /**
     * POST /api/analysis/uvvis/tauc: the optical band gap of a film. Without {@code thicknessNm} the Tauc plots are
     * made from α·t = ln 10 · A (t taken as 1 cm): the gap and its uncertainty do not depend on t (every Tauc
     * ordinate scales alike), but slopes and intercepts are then those of that 1 cm path, which the answer says.
     */
    public void tauc(Exchange exchange) throws Exception {
        AnalysisRequest r = read(exchange, TAUC);
        double[] wavelength = r.numbers("wavelengthNm");
        double[] values = r.numbers("values");
        Ordinate ordinate = r.choice("ordinate", Ordinate.class, Map.of("percent", Ordinate.TRANSMITTANCE_PERCENT));
        Double thickness = r.optionalNumber("thicknessNm");
        TaucOptions d = TaucOptions.defaults(UNIT_PATH_NM);
        TransitionSelection selection = r.choice("transition", TransitionSelection.class, Map.of(
                "auto", TransitionSelection.AUTOMATIC, "direct", TransitionSelection.DIRECT_ALLOWED,
                "indirect", TransitionSelection.INDIRECT_ALLOWED), d.selection());
        int minPoints = r.integer("minWindowPoints", d.minWindowPoints());
        double minRSquared = r.number("minRSquared", d.minRSquared());
        double steep = r.number("steepFraction", d.steepFraction());
        double maxAbsorbance = r.number("maxAbsorbance", d.maxAbsorbance());
        ObjectNode out = (ObjectNode) compute(() -> AnalysisJson.toJson(TaucAnalyzer.analyze(
                new UvVisSpectrum(wavelength, values, ordinate), new TaucOptions(
                        thickness == null ? UNIT_PATH_NM : thickness, selection, minPoints, minRSquared, steep,
                        maxAbsorbance))));
        if (thickness == null) {
            ((ObjectNode) out.get("options")).putNull("thicknessNm");
            out.putArray("notes").add("no thicknessNm given: the Tauc plots use α·t = ln 10 · A (a 1 cm path); the "
                    + "band gap and its uncertainty do not depend on the thickness, but the fits' slopes and "
                    + "intercepts are those of a 1 cm path, not of the film");
        }
        respond(exchange, out);
    }

    /** POST /api/battery/capacity: theoretical gravimetric capacity of an electrode formula, with its molar mass. */
    public void capacity(Exchange exchange) throws Exception {
        AnalysisRequest r = read(exchange, CAPACITY);
        String formula = r.text("formula");
        CarrierIon carrier = carrier(r);
        double carriers = r.number("carriers");
        FormulaBasis basis = r.choice("basis", FormulaBasis.class, Map.of());
        DotReading dots = r.choice("dotReading", DotReading.class, Map.of(), DotReading.STRICT);
        respond(exchange, compute(() -> {
            ChemicalFormula f = ChemicalFormula.parse(formula, dots);
            ObjectNode out = (ObjectNode) AnalysisJson.toJson(
                    ElectrodeCalculator.theoreticalCapacity(f, basis, carrier, carriers));
            out.set("molarMass", AnalysisJson.toJson(f.molarMass()));
            out.set("composition", AnalysisJson.toJson(f.composition()));
            return out;
        }));
    }

    /** POST /api/battery/voltage-estimate: average voltage against the carrier metal from total energies. */
    public void voltageEstimate(Exchange exchange) throws Exception {
        AnalysisRequest r = read(exchange, VOLTAGE);
        double charged = r.number("chargedEv");
        double discharged = r.number("dischargedEv");
        double metal = r.number("metalEvPerAtom");
        CarrierIon carrier = carrier(r);
        double carriers = r.number("carriers");
        respond(exchange, compute(() -> ElectrodeCalculator.averageVoltage(charged, discharged, metal, carrier,
                carriers)));
    }

    /** POST /api/battery/cycling: per-cycle capacities, efficiencies, retention and fade; dQ/dV of one half cycle. */
    public void cycling(Exchange exchange) throws Exception {
        AnalysisRequest r = read(exchange, CYCLING);
        double[] time = r.numbers("timeS");
        double[] voltage = r.numbers("voltageV");
        double[] current = r.numbers("currentMa");
        int[] cycleIndex = r.optionalIntegers("cycleIndex");
        CyclingOptions d = CyclingOptions.defaults();
        Double mass = r.optionalNumber("activeMassG");
        double rest = r.number("restThresholdMa", d.restThresholdMa());
        CycleStart start = r.choice("start", CycleStart.class, Map.of(), d.start());
        int reference = r.integer("referenceCycle", d.referenceCycle());
        AnalysisRequest dq = r.object("dqdv", DQDV);
        DqDvOptions dqDefaults = DqDvOptions.of(1, StepKind.CHARGE);
        Integer dqCycle = dq == null ? null : dq.integer("cycle");
        StepKind direction = dq == null ? null : dq.choice("direction", StepKind.class, Map.of());
        double binWidth = dq == null ? 0 : dq.number("binWidthV", dqDefaults.binWidthV());
        int smoothing = dq == null ? 0 : dq.integer("smoothingBins", dqDefaults.smoothingBins());
        respond(exchange, compute(() -> {
            CyclerData data = new CyclerData(time, voltage, current, cycleIndex);
            CyclingOptions options = new CyclingOptions(mass, rest, start, reference);
            ObjectNode out = (ObjectNode) AnalysisJson.toJson(CyclingAnalyzer.analyze(data, options));
            if (dq != null) {
                out.set("differentialCapacity", AnalysisJson.toJson(CyclingAnalyzer.differentialCapacity(data,
                        options, new DqDvOptions(dqCycle, direction, binWidth, smoothing))));
            }
            return out;
        }));
    }

    /** POST /api/pcm/switching-energy: the energy of a melt-quench pulse under a stated heat model. */
    public void switchingEnergy(Exchange exchange) throws Exception {
        AnalysisRequest r = read(exchange, SWITCHING);
        boolean box = r.has("lengthM") || r.has("widthM") || r.has("thicknessM");
        if (box && r.has("volumeM3")) {
            throw ApiProblem.badRequest("give 'volumeM3' or 'lengthM', 'widthM' and 'thicknessM', not both");
        }
        if (!box && !r.has("volumeM3")) {
            throw ApiProblem.badRequest("field 'volumeM3' (or 'lengthM', 'widthM' and 'thicknessM') is required");
        }
        double[] dims = box ? new double[] {r.number("lengthM"), r.number("widthM"), r.number("thicknessM")} : null;
        Double volume = r.optionalNumber("volumeM3");
        double density = r.number("densityKgPerM3");
        double specificHeat = r.number("specificHeatJPerKgK");
        double ambient = r.number("ambientK");
        double melting = r.number("meltingK");
        double latent = r.number("latentHeatJPerKg");
        double efficiency = r.number("efficiency");
        respond(exchange, compute(() -> PcmCalculator.switchingEnergy(box
                ? SwitchingHeatModel.box(dims[0], dims[1], dims[2], density, specificHeat, ambient, melting, latent,
                        efficiency)
                : new SwitchingHeatModel(volume, density, specificHeat, ambient, melting, latent, efficiency))));
    }

    /** POST /api/pcm/crystallization-temperature: T_c of an R(T) heating sweep. */
    public void crystallizationTemperature(Exchange exchange) throws Exception {
        AnalysisRequest r = read(exchange, CRYSTALLIZATION);
        r.oneOf("temperatureK", "temperatureC");
        double[] kelvin = r.optionalNumbers("temperatureK");
        double[] celsius = r.optionalNumbers("temperatureC");
        double[] resistance = r.numbers("resistanceOhm");
        CrystallizationOptions d = CrystallizationOptions.defaults();
        double halfWidth = r.number("smoothingHalfWidthK", d.smoothingHalfWidthK());
        double drop = r.number("minDropDecades", d.minDropDecades());
        respond(exchange, compute(() -> PcmCalculator.crystallizationTemperature(
                kelvin != null ? new ResistanceSweep(kelvin, resistance) : ResistanceSweep.celsius(celsius, resistance),
                new CrystallizationOptions(halfWidth, drop))));
    }

    /** POST /api/pcm/contrast: amorphous/crystalline resistance contrast. */
    public void contrast(Exchange exchange) throws Exception {
        AnalysisRequest r = read(exchange, CONTRAST);
        double amorphous = r.number("amorphous");
        double crystalline = r.number("crystalline");
        respond(exchange, compute(() -> PcmCalculator.resistanceContrast(amorphous, crystalline)));
    }

    /** POST /api/pcm/phase-energy: amorphous–crystalline energy difference per atom and per formula unit. */
    public void phaseEnergy(Exchange exchange) throws Exception {
        AnalysisRequest r = read(exchange, PHASE_ENERGY);
        double amorphous = r.number("amorphousEv");
        int amorphousAtoms = r.integer("amorphousAtoms");
        double crystalline = r.number("crystallineEv");
        int crystallineAtoms = r.integer("crystallineAtoms");
        r.oneOf("atomsPerFormulaUnit", "formula");
        Double atoms = r.optionalNumber("atomsPerFormulaUnit");
        String formula = r.optionalText("formula");
        respond(exchange, compute(() -> formula != null
                ? PcmCalculator.phaseEnergyDifference(amorphous, amorphousAtoms, crystalline, crystallineAtoms,
                        ChemicalFormula.parse(formula))
                : PcmCalculator.phaseEnergyDifference(amorphous, amorphousAtoms, crystalline, crystallineAtoms,
                        atoms)));
    }

    /** POST /api/synthesis/deposition: thickness statistics, uniformity, rate and in-spec fraction of a film. */
    public void deposition(Exchange exchange) throws Exception {
        AnalysisRequest r = read(exchange, DEPOSITION);
        double[] thickness = r.numbers("thicknessNm");
        Double time = r.optionalNumber("depositionTimeS");
        AnalysisRequest spec = r.object("spec", SPEC);
        Supplier<ThicknessSpec> window = spec == null ? () -> null : specWindow(spec);
        respond(exchange, compute(() -> SynthesisAnalyzer.analyze(new DepositionRun(thickness, time, window.get()))));
    }

    /** POST /api/synthesis/mass-yield: measured over theoretical product mass. */
    public void massYield(Exchange exchange) throws Exception {
        AnalysisRequest r = read(exchange, MASS_YIELD);
        double measured = r.number("measuredG");
        double theoretical = r.number("theoreticalG");
        respond(exchange, compute(() -> SynthesisAnalyzer.massYield(measured, theoretical)));
    }

    /** The spec window: minNm and maxNm, or targetNm with toleranceNm or tolerancePercent. */
    private static Supplier<ThicknessSpec> specWindow(AnalysisRequest spec) {
        if (spec.has("minNm") || spec.has("maxNm")) {
            if (spec.has("targetNm") || spec.has("toleranceNm") || spec.has("tolerancePercent")) {
                throw ApiProblem.badRequest("give 'spec.minNm' and 'spec.maxNm', or 'spec.targetNm' with "
                        + "'spec.toleranceNm' or 'spec.tolerancePercent', not both");
            }
            double min = spec.number("minNm");
            double max = spec.number("maxNm");
            return () -> new ThicknessSpec(min, max);
        }
        if (!spec.has("targetNm")) {
            throw ApiProblem.badRequest("field 'spec' needs 'minNm' and 'maxNm', or 'targetNm' with 'toleranceNm' or "
                    + "'tolerancePercent'");
        }
        double target = spec.number("targetNm");
        spec.oneOf("toleranceNm", "tolerancePercent");
        Double nm = spec.optionalNumber("toleranceNm");
        Double percent = spec.optionalNumber("tolerancePercent");
        return () -> nm != null ? ThicknessSpec.around(target, nm) : ThicknessSpec.aroundPercent(target, percent);
    }

    private AnalysisRequest read(Exchange exchange, Set<String> fields) throws Exception {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("the request needs a JSON body with the fields "
                    + String.join(", ", new java.util.TreeSet<>(fields)));
        }
        return AnalysisRequest.of(reader.readTree(body), fields);
    }

    private static CarrierIon carrier(AnalysisRequest r) {
        String given = r.text("carrier");
        for (CarrierIon c : CarrierIon.values()) {
            if (c.symbol().equalsIgnoreCase(given.trim()) || c.name().equalsIgnoreCase(given.trim())) {
                return c;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (CarrierIon c : CarrierIon.values()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(c.symbol());
        }
        throw ApiProblem.badRequest("field 'carrier' is '" + given + "'; allowed: " + allowed);
    }

    private static Radiation radiation(String given) {
        String key = given.replace(" ", "").replace("α", "a").replace("alpha", "a").toLowerCase(Locale.ROOT);
        return switch (key) {
            case "cuka1" -> Radiation.copperKAlpha1();
            case "cuka", "cuka12" -> Radiation.copperKAlpha12();
            default -> throw ApiProblem.badRequest("field 'radiation' is '" + given + "'; allowed: CuKa1 (Cu Kα1, "
                    + Radiation.CU_K_ALPHA1_A + " Å), CuKa (the Cu Kα1 + Kα2 doublet); for another tube give "
                    + "'wavelengthA' instead");
        };
    }

    private static Radiation monochromatic(double wavelengthA) {
        if (!(wavelengthA > 0)) {
            throw new ApiProblem(422, "Unprocessable request", "wavelengthA must be positive, was " + wavelengthA
                    + " Å", XrdAnalysisException.Reason.INVALID_OPTION.name());
        }
        return Radiation.monochromatic(wavelengthA);
    }

    /** Runs the science; its refusal of the data becomes 422 with its message and reason. */
    private static <T> T compute(Supplier<T> science) {
        try {
            return science.get();
        } catch (XrdAnalysisException e) {
            throw unprocessable(e, e.reason());
        } catch (UvVisAnalysisException e) {
            throw unprocessable(e, e.reason());
        } catch (BatteryAnalysisException e) {
            throw unprocessable(e, e.reason());
        } catch (PcmAnalysisException e) {
            throw unprocessable(e, e.reason());
        } catch (SynthesisAnalysisException e) {
            throw unprocessable(e, e.reason());
        }
    }

    private static ApiProblem unprocessable(IllegalArgumentException e, Enum<?> reason) {
        return new ApiProblem(422, "Unprocessable request", inRequestTerms(e.getMessage()), reason.name());
    }

    /** The science's text with its advice in Java terms put as a request would say it. */
    private static String inRequestTerms(String text) {
        String out = text;
        for (Map.Entry<String, String> e : REQUEST_SPELLING.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private void respond(Exchange exchange, Object result) throws Exception {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(writer.writeValueAsString(result));
    }
}
