package org.nanoos.labhub.verticals.crystallography;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A crystal structure: a lattice and every atom of its conventional cell. The factories build the common metal,
 * semiconductor and salt structures by applying the centring translations to a motif, so extinctions come out of
 * the structure factor rather than from a table.
 *
 * @param name    a label such as {@code "Si (diamond)"}
 * @param lattice the conventional cell
 * @param atoms   all atoms of the conventional cell (an unmodifiable copy is kept)
 */
public record Crystal(String name, Lattice lattice, List<Atom> atoms) {

    /** Distance in fractional units below which two generated sites count as the same site. */
    private static final double SAME_SITE = 1e-9;

    /** Checks that there is at least one atom and takes an unmodifiable copy of the list. */
    public Crystal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lattice, "lattice");
        atoms = List.copyOf(atoms);
        if (atoms.isEmpty()) {
            throw new IllegalArgumentException("a crystal needs at least one atom");
        }
    }

    /**
     * The conventional cell generated from a motif: every motif atom is copied by each centring translation, and
     * copies that land on an occupied site (same element, same position modulo 1) are dropped.
     */
    public static Crystal centred(String name, Lattice lattice, Centring centring, List<Atom> motif) {
        Objects.requireNonNull(centring, "centring");
        List<Atom> cell = new ArrayList<>();
        for (Atom atom : motif) {
            for (int i = 0; i < centring.latticePoints(); i++) {
                double[] t = centring.translation(i);
                Atom copy = atom.translated(t[0], t[1], t[2]);
                if (cell.stream().noneMatch(other -> sameSite(other, copy))) {
                    cell.add(copy);
                }
            }
        }
        return new Crystal(name, lattice, cell);
    }

    /** Face-centred cubic metal (Cu, Al, Ni, Ag, Au, Pt, Pb): one atom at the origin of an F lattice, 4 per cell. */
    public static Crystal fcc(String element, double a, double bIso) {
        return centred(element + " (fcc)", Lattice.cubic(a), Centring.F, List.of(Atom.of(element, 0, 0, 0, bIso)));
    }

    /** Body-centred cubic metal (Fe, W, Cr, Mo, V): one atom at the origin of an I lattice, 2 per cell. */
    public static Crystal bcc(String element, double a, double bIso) {
        return centred(element + " (bcc)", Lattice.cubic(a), Centring.I, List.of(Atom.of(element, 0, 0, 0, bIso)));
    }

    /** Diamond structure (C, Si, Ge, α-Sn): atoms at (0,0,0) and (¼,¼,¼) of an F lattice, 8 per cell. */
    public static Crystal diamond(String element, double a, double bIso) {
        return centred(element + " (diamond)", Lattice.cubic(a), Centring.F,
                List.of(Atom.of(element, 0, 0, 0, bIso), Atom.of(element, 0.25, 0.25, 0.25, bIso)));
    }

    /** Zinc blende (GaAs, ZnS, InSb): cation at (0,0,0), anion at (¼,¼,¼) of an F lattice, 8 atoms per cell. */
    public static Crystal zincBlende(String cation, String anion, double a, double bCation, double bAnion) {
        return centred(cation + anion + " (zinc blende)", Lattice.cubic(a), Centring.F,
                List.of(Atom.of(cation, 0, 0, 0, bCation), Atom.of(anion, 0.25, 0.25, 0.25, bAnion)));
    }

    /** Rock salt (NaCl, MgO, KCl): cation at (0,0,0), anion at (½,½,½) of an F lattice, 8 atoms per cell. */
    public static Crystal rockSalt(String cation, String anion, double a, double bCation, double bAnion) {
        return centred(cation + anion + " (rock salt)", Lattice.cubic(a), Centring.F,
                List.of(Atom.of(cation, 0, 0, 0, bCation), Atom.of(anion, 0.5, 0.5, 0.5, bAnion)));
    }

    /**
     * Hexagonal close-packed metal (Mg, Ti, Zn, Co, Zr), space group P6₃/mmc with atoms at (⅓,⅔,¼) and (⅔,⅓,¾),
     * 2 per cell; {@code c} is given explicitly because c/a departs from the ideal √(8/3) (Zn: 1.86, Mg: 1.62).
     */
    public static Crystal hcp(String element, double a, double c, double bIso) {
        return new Crystal(element + " (hcp)", Lattice.hexagonal(a, c),
                List.of(Atom.of(element, 1.0 / 3, 2.0 / 3, 0.25, bIso), Atom.of(element, 2.0 / 3, 1.0 / 3, 0.75, bIso)));
    }

    private static boolean sameSite(Atom p, Atom q) {
        return p.element().equals(q.element())
                && periodicDistance(p.x(), q.x()) < SAME_SITE
                && periodicDistance(p.y(), q.y()) < SAME_SITE
                && periodicDistance(p.z(), q.z()) < SAME_SITE;
    }

    private static double periodicDistance(double u, double v) {
        double d = Math.abs(u - v) % 1.0;
        return Math.min(d, 1.0 - d);
    }
}
