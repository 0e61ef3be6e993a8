package org.nanoos.labhub.verticals.xrd;

import java.util.ArrayList;
import java.util.List;

/**
 * Crystallite size by the Scherrer equation (P. Scherrer, Nachr. Ges. Wiss. Göttingen (1918) 98; J. I. Langford and
 * A. J. C. Wilson, J. Appl. Cryst. 11 (1978) 102 for K), L = Kλ/(β cos θ), for every fitted peak that is broader
 * than the instrument, and their mean. The method ignores microstrain, which broadens as tan θ; a size that grows
 * from peak to peak with angle hints that strain is present (a Williamson–Hall analysis would separate the two).
 *
 * @param shapeFactorK          the Scherrer constant K used
 * @param wavelengthA           λ, Å
 * @param correction            how the instrumental width was removed
 * @param instrument            the instrumental broadening used
 * @param sizes                 one size per usable peak, in order of 2θ
 * @param meanSizeNm            arithmetic mean of the sizes, nm (NaN if no peak was usable)
 * @param standardDeviationNm   sample standard deviation of the sizes, nm (NaN with fewer than two)
 * @param uMeanSizeNm           standard uncertainty of the mean: s/√n with two or more sizes, else that peak's
 *                              uncertainty, nm
 * @param excludedTwoThetaDeg   peaks not broader than the instrument (B ≤ b), so without a size, degrees
 */
public record ScherrerAnalysis(double shapeFactorK, double wavelengthA, BroadeningCorrection correction,
                               InstrumentalBroadening instrument, List<CrystalliteSize> sizes, double meanSizeNm,
                               double standardDeviationNm, double uMeanSizeNm, List<Double> excludedTwoThetaDeg) {

    /** Takes unmodifiable copies of the lists. */
    public ScherrerAnalysis {
        sizes = List.copyOf(sizes);
        excludedTwoThetaDeg = List.copyOf(excludedTwoThetaDeg);
    }

    /**
     * Scherrer sizes of {@code peaks}.
     *
     * @throws XrdAnalysisException ({@link XrdAnalysisException.Reason#INVALID_INSTRUMENT}) where the instrument
     *                              function is undefined
     */
    public static ScherrerAnalysis of(List<FittedPeak> peaks, double wavelengthA, double k,
                                      InstrumentalBroadening instrument, BroadeningCorrection correction) {
        List<CrystalliteSize> sizes = new ArrayList<>();
        List<Double> excluded = new ArrayList<>();
        for (FittedPeak p : peaks) {
            double b = instrument.fwhmDeg(p.twoThetaDeg());
            double beta = correction.sampleWidth(p.fwhmDeg(), b);
            if (Double.isNaN(beta)) {
                excluded.add(p.twoThetaDeg());
                continue;
            }
            double cosTheta = Math.cos(Math.toRadians(p.twoThetaDeg() / 2));
            double sizeNm = k * wavelengthA / (Math.toRadians(beta) * cosTheta) / 10;
            double uBeta = correction.derivative(p.fwhmDeg(), b) * p.uFwhmDeg();
            sizes.add(new CrystalliteSize(p.twoThetaDeg(), p.fwhmDeg(), b, beta, sizeNm, sizeNm * uBeta / beta));
        }
        double mean = Double.NaN;
        double sd = Double.NaN;
        double uMean = Double.NaN;
        if (!sizes.isEmpty()) {
            mean = sizes.stream().mapToDouble(CrystalliteSize::sizeNm).average().orElseThrow();
            if (sizes.size() > 1) {
                double m = mean;
                double ss = sizes.stream().mapToDouble(s -> (s.sizeNm() - m) * (s.sizeNm() - m)).sum();
                sd = Math.sqrt(ss / (sizes.size() - 1));
                uMean = sd / Math.sqrt(sizes.size());
            } else {
                uMean = sizes.get(0).uSizeNm();
            }
        }
        return new ScherrerAnalysis(k, wavelengthA, correction, instrument, sizes, mean, sd, uMean, excluded);
    }
}
