package org.nanoos.labhub.simulator.uvvis;

import java.util.Objects;

/**
 * The absorption coefficient α(E) of a {@link ThinFilm} near its band edge: the Tauc power law above the gap and an
 * exponential Urbach tail below it, joined smoothly.
 *
 * <p>Above the join energy {@code Et}: {@code α(E) = C (E − Eg)^p / E}, p = ½ (direct allowed) or 2 (indirect
 * allowed, simple form). Below it: {@code α(E) = α0 exp((E − Eg)/EU)} (Urbach, Phys. Rev. 92, 1324 (1953)). The join
 * is where the logarithmic slope of the power law has fallen to the Urbach slope,
 * {@code d ln α/dE = p/(E − Eg) − 1/E = 1/EU}, and {@code α0} makes the two laws meet there; α and its derivative
 * are therefore continuous. The join lies just above the gap ({@code Et − Eg ≈ p·EU}: about EU/2 for a direct, 2EU
 * for an indirect gap), so every photon energy below Eg is in the Urbach tail, and well above Et the Tauc plot is
 * exactly linear with its intercept at Eg.
 */
public final class AbsorptionEdge {

    private final ThinFilm film;
    private final double joinEnergyEv;
    private final double urbachPrefactorPerCm;

    /** The absorption law of a film; solves once for the join energy. */
    public AbsorptionEdge(ThinFilm film) {
        this.film = Objects.requireNonNull(film, "film");
        double gap = film.bandGapEv();
        double p = film.transition().edgeExponent();
        double slope = 1.0 / film.urbachEnergyEv();
        // f(u) = p/u - 1/(Eg + u) - 1/EU falls monotonically from +inf at u -> 0 to below zero at u = p EU
        double lo = 0.0;
        double hi = p * film.urbachEnergyEv();
        for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
            double mid = 0.5 * (lo + hi);
            if (p / mid - 1.0 / (gap + mid) - slope > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double u = 0.5 * (lo + hi);
        this.joinEnergyEv = gap + u;
        this.urbachPrefactorPerCm = powerLaw(joinEnergyEv) * Math.exp(-u * slope);
    }

    /** The film this edge belongs to. */
    public ThinFilm film() {
        return film;
    }

    /** Photon energy Et where the Urbach tail hands over to the power law, eV (slightly above Eg). */
    public double joinEnergyEv() {
        return joinEnergyEv;
    }

    /** α0 of the tail {@code α0 exp((E − Eg)/EU)}, i.e. the tail's value extrapolated to E = Eg, cm⁻¹. */
    public double urbachPrefactorPerCm() {
        return urbachPrefactorPerCm;
    }

    /** Absorption coefficient α at photon energy E, cm⁻¹. */
    public double absorptionCoefficientPerCm(double photonEnergyEv) {
        if (!(photonEnergyEv > 0) || Double.isInfinite(photonEnergyEv)) {
            throw new IllegalArgumentException("photon energy must be positive and finite, was " + photonEnergyEv);
        }
        if (photonEnergyEv >= joinEnergyEv) {
            return powerLaw(photonEnergyEv);
        }
        return urbachPrefactorPerCm * Math.exp((photonEnergyEv - film.bandGapEv()) / film.urbachEnergyEv());
    }

    /**
     * Absorbance of the film alone, {@code A = α d / ln 10} (decadic: {@code T = 10^−A}), from the Beer–Lambert law
     * {@code I/I0 = exp(−α d)}; interference and reflection at the film's faces are not modelled.
     */
    public double filmAbsorbance(double photonEnergyEv) {
        double alphaD = absorptionCoefficientPerCm(photonEnergyEv) * film.thicknessNm() * 1e-7;
        return alphaD / Math.log(10.0);
    }

    private double powerLaw(double energyEv) {
        double excess = energyEv - film.bandGapEv();
        return film.edgeStrength() * Math.pow(excess, film.transition().edgeExponent()) / energyEv;
    }
}
