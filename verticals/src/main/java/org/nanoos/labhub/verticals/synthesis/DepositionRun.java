package org.nanoos.labhub.verticals.synthesis;

import java.util.Arrays;
import java.util.Objects;

import org.nanoos.labhub.verticals.synthesis.SynthesisAnalysisException.Reason;

/**
 * What was measured on one deposited film: thicknesses at points across the substrate (ellipsometry, profilometry,
 * XRR …), and, when known, the deposition time and a specification window.
 *
 * @param thicknessNm        thickness at each measured point, nm, positive (copied in and out)
 * @param depositionTimeS    deposition time from the user or the process log, s, positive; {@code null} when unknown
 *                           (then no rate is given)
 * @param spec               the thickness window for the in-spec fraction; {@code null} for none
 */
public record DepositionRun(double[] thicknessNm, Double depositionTimeS, ThicknessSpec spec) {

    /** The fewest points accepted: a standard deviation needs two. */
    public static final int MIN_POINTS = 2;

    /** Validates and copies. */
    public DepositionRun {
        if (thicknessNm == null) {
            throw new SynthesisAnalysisException(Reason.MALFORMED, "thicknessNm is required");
        }
        if (thicknessNm.length < MIN_POINTS) {
            throw new SynthesisAnalysisException(Reason.TOO_FEW_POINTS, "thickness statistics need at least "
                    + MIN_POINTS + " points, got " + thicknessNm.length);
        }
        thicknessNm = thicknessNm.clone();
        for (int i = 0; i < thicknessNm.length; i++) {
            if (!Double.isFinite(thicknessNm[i])) {
                throw new SynthesisAnalysisException(Reason.NOT_FINITE, "thicknessNm[" + i + "] is " + thicknessNm[i]);
            }
            if (!(thicknessNm[i] > 0)) {
                throw new SynthesisAnalysisException(Reason.NON_POSITIVE, "thicknessNm[" + i + "] = " + thicknessNm[i]
                        + " nm; a thickness must be positive");
            }
        }
        if (depositionTimeS != null) {
            if (!Double.isFinite(depositionTimeS)) {
                throw new SynthesisAnalysisException(Reason.NOT_FINITE, "depositionTimeS is " + depositionTimeS);
            }
            if (!(depositionTimeS > 0)) {
                throw new SynthesisAnalysisException(Reason.NON_POSITIVE, "depositionTimeS must be positive, was "
                        + depositionTimeS + " s");
            }
        }
    }

    /** Thicknesses only. */
    public static DepositionRun of(double... thicknessNm) {
        return new DepositionRun(thicknessNm, null, null);
    }

    /** The same run with its deposition time, s. */
    public DepositionRun withDepositionTimeS(double seconds) {
        return new DepositionRun(thicknessNm, seconds, spec);
    }

    /** The same run with a specification window. */
    public DepositionRun withSpec(ThicknessSpec value) {
        return new DepositionRun(thicknessNm, depositionTimeS, Objects.requireNonNull(value, "spec"));
    }

    @Override
    public double[] thicknessNm() {
        return thicknessNm.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DepositionRun r && Arrays.equals(thicknessNm, r.thicknessNm)
                && Objects.equals(depositionTimeS, r.depositionTimeS) && Objects.equals(spec, r.spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(thicknessNm), depositionTimeS, spec);
    }

    @Override
    public String toString() {
        return "DepositionRun[" + thicknessNm.length + " points" + (depositionTimeS == null ? "" : ", "
                + depositionTimeS + " s") + (spec == null ? "" : ", spec " + spec) + "]";
    }
}
