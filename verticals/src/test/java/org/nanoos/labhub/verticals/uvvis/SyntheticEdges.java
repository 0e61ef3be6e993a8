package org.nanoos.labhub.verticals.uvvis;

import java.util.SplittableRandom;

import org.nanoos.labhub.verticals.units.SiDefiningConstants;

/**
 * Absorbance spectra of a film with a known band gap, as the simulator's UV-Vis spectrometer makes them: above the
 * gap the Tauc law α = C (hν − Eg)^p / hν (p = ½ direct, 2 indirect), below it an exponential Urbach tail
 * α₀ exp((hν − Et)/EU) joined continuously at Et = Eg + p·EU/2, then A = α t / ln 10 plus Gaussian photometric noise.
 */
final class SyntheticEdges {

    private SyntheticEdges() {
    }

    static double alpha(double energyEv, double gapEv, double p, double strength, double urbachEv) {
        double join = gapEv + p * urbachEv / 2;
        if (energyEv >= join) {
            return strength * Math.pow(energyEv - gapEv, p) / energyEv;
        }
        double atJoin = strength * Math.pow(join - gapEv, p) / join;
        return atJoin * Math.exp((energyEv - join) / urbachEv);
    }

    /** Absorbance on a wavelength grid scanned from {@code fromNm} to {@code toNm} (either direction). */
    static double[][] absorbance(double gapEv, double p, double strength, double urbachEv, double thicknessNm,
                                 double fromNm, double toNm, double stepNm, double noise, long seed) {
        int n = (int) Math.round(Math.abs(toNm - fromNm) / stepNm) + 1;
        double sign = Math.signum(toNm - fromNm);
        double[] wavelength = new double[n];
        double[] absorbance = new double[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            wavelength[i] = fromNm + sign * i * stepNm;
            double energy = SiDefiningConstants.HC_EV_NM / wavelength[i];
            absorbance[i] = alpha(energy, gapEv, p, strength, urbachEv) * thicknessNm * 1e-7 / Math.log(10)
                    + noise * random.nextGaussian();
        }
        return new double[][] {wavelength, absorbance};
    }
}
