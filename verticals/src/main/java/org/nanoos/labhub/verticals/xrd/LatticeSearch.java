package org.nanoos.labhub.verticals.xrd;

/** Which lattices the analysis tries to index the fitted peaks with. */
public enum LatticeSearch {
    /** Peaks only: no indexing. */
    NONE,
    /** The cubic types sc, bcc, fcc, diamond and rock salt; fails if none indexes every peak. */
    CUBIC,
    /** A primitive hexagonal lattice (a, c) found ab initio; fails if it does not index every peak. */
    HEXAGONAL,
    /** Cubic first; hexagonal only if no cubic type indexes every peak; fails if neither does. */
    AUTO
}
