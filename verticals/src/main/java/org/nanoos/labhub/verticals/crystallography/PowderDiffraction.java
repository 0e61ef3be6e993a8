package org.nanoos.labhub.verticals.crystallography;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Computes the Bragg reflections of a randomly oriented powder: enumerates hkl up to a maximum 2θ, groups those with
 * equal d-spacing (counting them gives the multiplicity), and weights each group by |F|² and the Lorentz-polarisation
 * factor. No absorption, preferred orientation, extinction or anomalous dispersion is modelled.
 *
 * <p>The Lorentz-polarisation factor for Bragg–Brentano powder geometry is
 * LP = (1 + cos²2θ_M cos²2θ) / (sin²θ cos θ), where 2θ_M is the diffraction angle of a crystal monochromator
 * (0 for none). With 2θ_M = 0 — an unpolarised beam and no monochromator, e.g. a Ni β-filter — this is
 * (1 + cos²2θ)/(sin²θ cos θ). A constant normalisation factor is omitted since intensities are relative.
 */
public final class PowderDiffraction {

    /** Relative tolerance on 1/d² below which two reflections are taken to coincide. */
    private static final double SAME_D = 1e-9;
    /** |F| below this fraction of its in-phase bound is a systematic absence (exact cancellation in the cell). */
    private static final double ABSENT = 1e-6;

    /** Prefer indices without minus signs, then the largest h, k, l, e.g. (3 1 1) for the {311} family. */
    private static final Comparator<int[]> REPRESENTATIVE = Comparator
            .<int[]>comparingInt(m -> (m[0] < 0 ? 1 : 0) + (m[1] < 0 ? 1 : 0) + (m[2] < 0 ? 1 : 0))
            .thenComparing(m -> -m[0]).thenComparing(m -> -m[1]).thenComparing(m -> -m[2]);

    private PowderDiffraction() {
    }

    /** The reflections up to {@code twoThetaMaxDeg} without a monochromator (2θ_M = 0), sorted by 2θ. */
    public static List<Reflection> reflections(Crystal crystal, Radiation radiation, double twoThetaMaxDeg) {
        return reflections(crystal, radiation, twoThetaMaxDeg, 0.0);
    }

    /**
     * The reflections with 0 < 2θ ≤ {@code twoThetaMaxDeg}, one per d-spacing and emission line, sorted by 2θ.
     * Relative intensities put the strongest at 100.
     *
     * @param monochromatorTwoThetaDeg diffraction angle 2θ_M of a monochromator crystal, 0 for none (e.g. 26.6° for
     *                                 graphite (002) with Cu Kα)
     * @throws IllegalArgumentException if 2θ_max is not in (0, 180) or 2θ_M not in [0, 180)
     */
    public static List<Reflection> reflections(Crystal crystal, Radiation radiation, double twoThetaMaxDeg,
                                               double monochromatorTwoThetaDeg) {
        Objects.requireNonNull(crystal, "crystal");
        Objects.requireNonNull(radiation, "radiation");
        if (!(twoThetaMaxDeg > 0 && twoThetaMaxDeg < 180)) {
            throw new IllegalArgumentException("2θ max must lie in (0, 180)°, was " + twoThetaMaxDeg);
        }
        requireMonochromatorAngle(monochromatorTwoThetaDeg);
        double shortest = radiation.lines().stream().mapToDouble(EmissionLine::wavelengthA).min().orElseThrow();
        double dMin = shortest / (2 * Math.sin(Math.toRadians(twoThetaMaxDeg / 2)));

        List<Reflection> raw = new ArrayList<>();
        for (List<int[]> group : coincidentGroups(crystal.lattice(), dMin)) {
            int[] first = group.get(0);
            double bound = StructureFactor.inPhaseBound(crystal, first[0], first[1], first[2]);
            List<int[]> present = new ArrayList<>();
            double sumF2 = 0;
            for (int[] m : group) {
                StructureFactor f = StructureFactor.of(crystal, m[0], m[1], m[2]);
                if (f.modulus() > ABSENT * bound) {
                    present.add(m);
                    sumF2 += f.squaredModulus();
                }
            }
            if (present.isEmpty()) {
                continue;
            }
            int[] rep = present.stream().min(REPRESENTATIVE).orElseThrow();
            double d = crystal.lattice().dSpacing(rep[0], rep[1], rep[2]);
            double meanF2 = sumF2 / present.size();
            for (EmissionLine line : radiation.lines()) {
                double sinTheta = line.wavelengthA() / (2 * d);
                if (sinTheta >= 1) {
                    continue;
                }
                double twoTheta = 2 * Math.toDegrees(Math.asin(sinTheta));
                if (twoTheta > twoThetaMaxDeg) {
                    continue;
                }
                double lp = lorentzPolarization(twoTheta, monochromatorTwoThetaDeg);
                double intensity = present.size() * meanF2 * lp * line.relativeWeight();
                raw.add(new Reflection(rep[0], rep[1], rep[2], d, twoTheta, present.size(), meanF2, lp, line,
                        intensity, 0));
            }
        }
        double strongest = raw.stream().mapToDouble(Reflection::intensity).max().orElse(1);
        return raw.stream()
                .map(r -> new Reflection(r.h(), r.k(), r.l(), r.dSpacingA(), r.twoThetaDeg(), r.multiplicity(),
                        r.structureFactorSquared(), r.lorentzPolarization(), r.line(), r.intensity(),
                        100 * r.intensity() / strongest))
                .sorted(Comparator.comparingDouble(Reflection::twoThetaDeg))
                .toList();
    }

    /**
     * The Lorentz-polarisation factor (1 + cos²2θ_M cos²2θ)/(sin²θ cos θ) for a powder in Bragg–Brentano geometry.
     *
     * @param twoThetaDeg              the diffraction angle 2θ, degrees, in (0, 180)
     * @param monochromatorTwoThetaDeg the monochromator's 2θ_M, degrees, 0 for none
     */
    public static double lorentzPolarization(double twoThetaDeg, double monochromatorTwoThetaDeg) {
        if (!(twoThetaDeg > 0 && twoThetaDeg < 180)) {
            throw new IllegalArgumentException("2θ must lie in (0, 180)°, was " + twoThetaDeg);
        }
        requireMonochromatorAngle(monochromatorTwoThetaDeg);
        double theta = Math.toRadians(twoThetaDeg / 2);
        double cos2Theta = Math.cos(2 * theta);
        double cos2ThetaM = Math.cos(Math.toRadians(monochromatorTwoThetaDeg));
        double sinTheta = Math.sin(theta);
        return (1 + cos2ThetaM * cos2ThetaM * cos2Theta * cos2Theta) / (sinTheta * sinTheta * Math.cos(theta));
    }

    /**
     * The Bragg angle 2θ (degrees) for spacing {@code dSpacingA} and wavelength {@code wavelengthA}, from λ = 2d sin θ.
     *
     * @throws IllegalArgumentException if λ > 2d, so that the planes cannot diffract
     */
    public static double braggTwoThetaDeg(double dSpacingA, double wavelengthA) {
        double sinTheta = wavelengthA / (2 * dSpacingA);
        if (!(sinTheta > 0 && sinTheta <= 1)) {
            throw new IllegalArgumentException("no Bragg angle for d=" + dSpacingA + " Å at λ=" + wavelengthA + " Å");
        }
        return 2 * Math.toDegrees(Math.asin(sinTheta));
    }

    /** All hkl ≠ 000 with d ≥ dMin, sorted by 1/d² and split into runs of equal d. */
    private static List<List<int[]>> coincidentGroups(Lattice lattice, double dMin) {
        // |h|, |k| ≤ a/d_min and |l| ≤ c/d_min bound all three crystal families (for hexagonal, h² + hk + k² ≥ ¾h²)
        int hMax = (int) Math.floor(lattice.a() / dMin + 1e-9);
        int lMax = (int) Math.floor(lattice.c() / dMin + 1e-9);
        double limit = 1 / (dMin * dMin) * (1 + SAME_D);
        List<int[]> all = new ArrayList<>();
        for (int h = -hMax; h <= hMax; h++) {
            for (int k = -hMax; k <= hMax; k++) {
                for (int l = -lMax; l <= lMax; l++) {
                    if ((h != 0 || k != 0 || l != 0) && lattice.inverseDSquared(h, k, l) <= limit) {
                        all.add(new int[] {h, k, l});
                    }
                }
            }
        }
        all.sort(Comparator.comparingDouble(m -> lattice.inverseDSquared(m[0], m[1], m[2])));
        List<List<int[]>> groups = new ArrayList<>();
        List<int[]> current = new ArrayList<>();
        double currentQ = Double.NaN;
        for (int[] m : all) {
            double q = lattice.inverseDSquared(m[0], m[1], m[2]);
            if (current.isEmpty() || q - currentQ > SAME_D * currentQ) {
                if (!current.isEmpty()) {
                    groups.add(current);
                }
                current = new ArrayList<>();
                currentQ = q;
            }
            current.add(m);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private static void requireMonochromatorAngle(double monochromatorTwoThetaDeg) {
        if (!(monochromatorTwoThetaDeg >= 0 && monochromatorTwoThetaDeg < 180)) {
            throw new IllegalArgumentException("monochromator 2θ must lie in [0, 180)°, was "
                    + monochromatorTwoThetaDeg);
        }
    }
}
