package org.nanoos.labhub.verticals.xrd;

/**
 * The lattice types the indexing can assign, with the reflection conditions that decide which h²+k²+l² (cubic) are
 * observable (Cullity &amp; Stock, <i>Elements of X-Ray Diffraction</i>, 3rd ed., 2001, ch. 4 and 10).
 */
public enum LatticeType {
    /** Simple (primitive) cubic: every h²+k²+l² = 1, 2, 3, 4, 5, 6, 8, 9, … (7, 15, 23, 28, … are not sums of three squares). */
    SIMPLE_CUBIC,
    /** Body-centred cubic: h+k+l even, h²+k²+l² = 2, 4, 6, 8, 10, 12, 14, 16, …. */
    BODY_CENTRED_CUBIC,
    /** Face-centred cubic (one atom per lattice point, e.g. Cu, Al): h, k, l all odd or all even, 3, 4, 8, 11, 12, 16, …. */
    FACE_CENTRED_CUBIC,
    /**
     * Rock salt (NaCl, MgO): the face-centred reflection set, told from an fcc metal by its all-odd reflections being
     * much weaker than its all-even ones (F = 4|f₊ − f₋| against 4(f₊ + f₋)).
     */
    ROCK_SALT,
    /** Diamond (C, Si, Ge): face-centred and, for all even indices, h+k+l = 4n; 3, 8, 11, 16, 19, 24, 27, 32, …. */
    DIAMOND,
    /** Primitive hexagonal: 1/d² = 4/3 (h²+hk+k²)/a² + l²/c², no reflection condition assumed. */
    HEXAGONAL;

    /** Whether this is one of the cubic types. */
    public boolean isCubic() {
        return this != HEXAGONAL;
    }

    /** Whether the cubic reflection (h k l) is allowed by this type's reflection conditions. */
    boolean allows(int h, int k, int l) {
        int ph = Math.floorMod(h, 2);
        int pk = Math.floorMod(k, 2);
        int pl = Math.floorMod(l, 2);
        boolean unmixed = ph == pk && pk == pl;
        return switch (this) {
            case SIMPLE_CUBIC, HEXAGONAL -> true;
            case BODY_CENTRED_CUBIC -> Math.floorMod(h + k + l, 2) == 0;
            case FACE_CENTRED_CUBIC, ROCK_SALT -> unmixed;
            case DIAMOND -> unmixed && (ph == 1 || Math.floorMod(h + k + l, 4) == 0);
        };
    }
}
