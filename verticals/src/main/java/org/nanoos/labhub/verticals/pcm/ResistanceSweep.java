package org.nanoos.labhub.verticals.pcm;

import java.util.Arrays;

import org.nanoos.labhub.verticals.pcm.PcmAnalysisException.Reason;

/**
 * A resistance-versus-temperature heating sweep of a phase-change film. The constructor refuses what no analysis can
 * use and names field and index: fewer than {@value #MIN_POINTS} points, arrays of different length, NaN or infinite
 * values, resistances ≤ 0 (log R undefined) and temperatures that do not strictly increase (sort or average repeated
 * readings first; a cooling sweep has no crystallization step to find).
 *
 * @param temperatureK  temperatures, K, strictly increasing (copied in and out)
 * @param resistanceOhm resistances, Ω (or resistivities in any one unit), positive (copied)
 */
public record ResistanceSweep(double[] temperatureK, double[] resistanceOhm) {

    /** The fewest points accepted. */
    public static final int MIN_POINTS = 10;

    /** Validates and copies. */
    public ResistanceSweep {
        if (temperatureK == null || resistanceOhm == null) {
            throw new PcmAnalysisException(Reason.MALFORMED, "temperatureK and resistanceOhm are both required");
        }
        if (temperatureK.length != resistanceOhm.length) {
            throw new PcmAnalysisException(Reason.MALFORMED, temperatureK.length + " temperatures but "
                    + resistanceOhm.length + " resistances");
        }
        if (temperatureK.length < MIN_POINTS) {
            throw new PcmAnalysisException(Reason.TOO_FEW_POINTS, "a sweep needs at least " + MIN_POINTS
                    + " points, got " + temperatureK.length);
        }
        temperatureK = temperatureK.clone();
        resistanceOhm = resistanceOhm.clone();
        for (int i = 0; i < temperatureK.length; i++) {
            PcmCalculator.requireFinite(temperatureK[i], "temperatureK[" + i + "]");
            PcmCalculator.requireFinite(resistanceOhm[i], "resistanceOhm[" + i + "]");
            if (!(temperatureK[i] > 0)) {
                throw new PcmAnalysisException(Reason.NON_POSITIVE, "temperatureK[" + i + "] = " + temperatureK[i]
                        + " K is not an absolute temperature");
            }
            if (!(resistanceOhm[i] > 0)) {
                throw new PcmAnalysisException(Reason.NON_POSITIVE, "resistanceOhm[" + i + "] = " + resistanceOhm[i]
                        + " must be positive (log R is undefined)");
            }
            if (i > 0 && !(temperatureK[i] > temperatureK[i - 1])) {
                throw new PcmAnalysisException(Reason.NOT_ASCENDING, "temperatureK must strictly increase: "
                        + "temperatureK[" + i + "] = " + temperatureK[i] + " K follows " + temperatureK[i - 1] + " K");
            }
        }
    }

    /** A sweep with temperatures in °C (converted with T/K = t/°C + 273.15). */
    public static ResistanceSweep celsius(double[] temperatureC, double[] resistanceOhm) {
        if (temperatureC == null) {
            throw new PcmAnalysisException(Reason.MALFORMED, "temperatureC is required");
        }
        return new ResistanceSweep(Arrays.stream(temperatureC).map(t -> t + 273.15).toArray(), resistanceOhm);
    }

    @Override
    public double[] temperatureK() {
        return temperatureK.clone();
    }

    @Override
    public double[] resistanceOhm() {
        return resistanceOhm.clone();
    }

    /** The number of points. */
    public int size() {
        return temperatureK.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResistanceSweep s && Arrays.equals(temperatureK, s.temperatureK)
                && Arrays.equals(resistanceOhm, s.resistanceOhm);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(temperatureK) + Arrays.hashCode(resistanceOhm);
    }

    @Override
    public String toString() {
        return "ResistanceSweep[" + temperatureK.length + " points, " + temperatureK[0] + " to "
                + temperatureK[temperatureK.length - 1] + " K]";
    }
}
