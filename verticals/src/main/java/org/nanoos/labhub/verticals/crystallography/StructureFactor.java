package org.nanoos.labhub.verticals.crystallography;

/**
 * The complex structure factor F(hkl) = Σⱼ oⱼ f0ⱼ(s) exp(−Bⱼ s²) exp[2πi(h xⱼ + k yⱼ + l zⱼ)] of a conventional cell,
 * with spherical neutral atoms, s = sin θ/λ = 1/(2d).
 *
 * @param real      the real part, electrons
 * @param imaginary the imaginary part, electrons
 */
public record StructureFactor(double real, double imaginary) {

    /**
     * F(hkl) of {@code crystal}.
     *
     * @throws IllegalArgumentException for (000), or for a reflection beyond the scattering factors' validity
     */
    public static StructureFactor of(Crystal crystal, int h, int k, int l) {
        double s = 0.5 / crystal.lattice().dSpacing(h, k, l);
        double s2 = s * s;
        double re = 0;
        double im = 0;
        for (Atom atom : crystal.atoms()) {
            double amplitude = atom.occupancy() * AtomicScatteringFactors.f0(atom.element(), s)
                    * Math.exp(-atom.bIso() * s2);
            double phase = 2 * Math.PI * (h * atom.x() + k * atom.y() + l * atom.z());
            re += amplitude * Math.cos(phase);
            im += amplitude * Math.sin(phase);
        }
        return new StructureFactor(re, im);
    }

    /**
     * The largest |F| the cell could give at the spacing of (hkl): every atom scattering in phase. A reflection
     * whose |F| is a vanishing fraction of this is systematically absent.
     */
    public static double inPhaseBound(Crystal crystal, int h, int k, int l) {
        double s = 0.5 / crystal.lattice().dSpacing(h, k, l);
        double sum = 0;
        for (Atom atom : crystal.atoms()) {
            sum += Math.abs(atom.occupancy() * AtomicScatteringFactors.f0(atom.element(), s)
                    * Math.exp(-atom.bIso() * s * s));
        }
        return sum;
    }

    /** |F|², electrons². */
    public double squaredModulus() {
        return real * real + imaginary * imaginary;
    }

    /** |F|, electrons. */
    public double modulus() {
        return Math.sqrt(squaredModulus());
    }
}
