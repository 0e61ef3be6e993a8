package org.nanoos.labhub.verticals.crystallography;

/** The crystal families this model handles: those whose cell is fixed by the edges a and c alone. */
public enum LatticeSystem {
    /** a = b = c, all angles 90°. */
    CUBIC,
    /** a = b ≠ c, all angles 90°. */
    TETRAGONAL,
    /** a = b ≠ c, α = β = 90°, γ = 120°. */
    HEXAGONAL
}
