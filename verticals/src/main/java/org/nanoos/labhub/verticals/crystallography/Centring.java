package org.nanoos.labhub.verticals.crystallography;

import java.util.List;

/**
 * Lattice centring as the set of pure translations that map the conventional cell onto itself; applying them to a
 * motif generates every atom of the cell, so that systematic absences follow from the structure factor.
 */
public enum Centring {
    /** Primitive: the identity only. */
    P(List.of(new double[] {0, 0, 0})),
    /** Body-centred: (0,0,0) and (½,½,½). */
    I(List.of(new double[] {0, 0, 0}, new double[] {0.5, 0.5, 0.5})),
    /** Face-centred: (0,0,0), (0,½,½), (½,0,½), (½,½,0). */
    F(List.of(new double[] {0, 0, 0}, new double[] {0, 0.5, 0.5}, new double[] {0.5, 0, 0.5},
            new double[] {0.5, 0.5, 0}));

    private final List<double[]> translations;

    Centring(List<double[]> translations) {
        this.translations = translations;
    }

    /** The number of lattice points in the conventional cell. */
    public int latticePoints() {
        return translations.size();
    }

    /** The {@code i}-th centring translation as fractional (x, y, z); a fresh array. */
    public double[] translation(int i) {
        return translations.get(i).clone();
    }
}
