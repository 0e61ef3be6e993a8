package org.nanoos.labhub.verticals.crystallography;

import java.util.Objects;

/**
 * One atom of a unit cell: element, fractional coordinates, site occupancy and isotropic Debye–Waller factor B,
 * which damps its scattering by exp(−B s²) with s = sin θ/λ.
 *
 * @param element   the element symbol of a neutral atom, e.g. {@code "Si"}
 * @param x         fractional coordinate along a
 * @param y         fractional coordinate along b
 * @param z         fractional coordinate along c
 * @param occupancy the fraction of cells in which the site holds this atom, in (0, 1]
 * @param bIso      the isotropic displacement parameter B = 8π²⟨u²⟩, Å²
 */
public record Atom(String element, double x, double y, double z, double occupancy, double bIso) {

    /** Checks the element symbol, finite coordinates, an occupancy in (0, 1] and a non-negative finite B. */
    public Atom {
        Objects.requireNonNull(element, "element");
        if (element.isBlank()) {
            throw new IllegalArgumentException("element symbol is blank");
        }
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("fractional coordinates must be finite, were " + x + ", " + y + ", " + z);
        }
        if (!(occupancy > 0 && occupancy <= 1)) {
            throw new IllegalArgumentException("occupancy must lie in (0, 1], was " + occupancy);
        }
        if (!(bIso >= 0) || Double.isInfinite(bIso)) {
            throw new IllegalArgumentException("B must be non-negative and finite, was " + bIso);
        }
    }

    /** A fully occupied site. */
    public static Atom of(String element, double x, double y, double z, double bIso) {
        return new Atom(element, x, y, z, 1.0, bIso);
    }

    /** This atom moved by a fractional translation and brought back into the cell [0, 1). */
    public Atom translated(double dx, double dy, double dz) {
        return new Atom(element, wrap(x + dx), wrap(y + dy), wrap(z + dz), occupancy, bIso);
    }

    private static double wrap(double u) {
        double w = u - Math.floor(u);
        // values within rounding of 1 are the origin of the next cell
        return w > 1.0 - 1e-12 ? 0.0 : w;
    }
}
