package org.nanoos.labhub.verticals.crystallography;

import java.util.Objects;

/**
 * The conventional unit cell of a cubic, tetragonal or hexagonal crystal, edges in ångström; it gives the interplanar
 * spacing d(hkl) from the reciprocal metric. For a cubic cell {@code c} equals {@code a}.
 *
 * @param system the crystal family
 * @param a      the cell edge a, Å
 * @param c      the cell edge c, Å (equal to a for cubic)
 */
public record Lattice(LatticeSystem system, double a, double c) {

    /** Checks that the edges are positive and finite and that a cubic cell has c = a. */
    public Lattice {
        Objects.requireNonNull(system, "system");
        requirePositive("a", a);
        requirePositive("c", c);
        if (system == LatticeSystem.CUBIC && c != a) {
            throw new IllegalArgumentException("a cubic cell has c = a, was a=" + a + " c=" + c);
        }
    }

    /** A cubic cell with edge {@code a} (Å). */
    public static Lattice cubic(double a) {
        return new Lattice(LatticeSystem.CUBIC, a, a);
    }

    /** A tetragonal cell with edges {@code a} and {@code c} (Å). */
    public static Lattice tetragonal(double a, double c) {
        return new Lattice(LatticeSystem.TETRAGONAL, a, c);
    }

    /** A hexagonal cell with edges {@code a} and {@code c} (Å), γ = 120°. */
    public static Lattice hexagonal(double a, double c) {
        return new Lattice(LatticeSystem.HEXAGONAL, a, c);
    }

    /**
     * 1/d² for the plane (hkl), Å⁻²: (h² + k² + l²)/a² (cubic), (h² + k²)/a² + l²/c² (tetragonal),
     * 4(h² + hk + k²)/(3a²) + l²/c² (hexagonal).
     */
    public double inverseDSquared(int h, int k, int l) {
        double aa = a * a;
        double cc = c * c;
        return switch (system) {
            case CUBIC -> (double) (h * h + k * k + l * l) / aa;
            case TETRAGONAL -> (double) (h * h + k * k) / aa + (double) (l * l) / cc;
            case HEXAGONAL -> 4.0 * (h * h + h * k + k * k) / (3.0 * aa) + (double) (l * l) / cc;
        };
    }

    /**
     * The interplanar spacing d(hkl), Å.
     *
     * @throws IllegalArgumentException for (000), which has no spacing
     */
    public double dSpacing(int h, int k, int l) {
        if (h == 0 && k == 0 && l == 0) {
            throw new IllegalArgumentException("(000) has no interplanar spacing");
        }
        return 1.0 / Math.sqrt(inverseDSquared(h, k, l));
    }

    /** The cell volume, Å³. */
    public double volume() {
        return switch (system) {
            case CUBIC -> a * a * a;
            case TETRAGONAL -> a * a * c;
            case HEXAGONAL -> Math.sqrt(3.0) / 2.0 * a * a * c;
        };
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, was " + value);
        }
    }
}
