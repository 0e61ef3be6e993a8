package org.nanoos.labhub.simulator.uvvis;

import java.util.Objects;

/**
 * The sample in the beam: a semiconductor film of uniform thickness on a transparent substrate, described by its
 * band gap, the kind of transition across it, the strength of the band-edge absorption and the width of its Urbach
 * tail. The absorption law built from these is {@link AbsorptionEdge}.
 *
 * @param name            a short label for logs
 * @param bandGapEv       optical band gap Eg, eV
 * @param transition      direct or indirect allowed transition
 * @param edgeStrength    C in {@code α = C (E − Eg)^p / E}, in cm⁻¹ eV^(1−p) (cm⁻¹ eV^½ direct, cm⁻¹ eV⁻¹ indirect)
 * @param urbachEnergyEv  Urbach energy EU of the exponential tail below the gap, eV
 * @param thicknessNm     film thickness d, nm
 */
public record ThinFilm(String name, double bandGapEv, Transition transition, double edgeStrength,
                       double urbachEnergyEv, double thicknessNm) {

    /** Checks for a name, a transition and positive, finite numbers; the Urbach energy must be well below the gap. */
    public ThinFilm {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("film needs a name");
        }
        Objects.requireNonNull(transition, "transition");
        requirePositive(bandGapEv, "band gap");
        requirePositive(edgeStrength, "edge strength");
        requirePositive(urbachEnergyEv, "Urbach energy");
        requirePositive(thicknessNm, "thickness");
        if (urbachEnergyEv >= 0.1 * bandGapEv) {
            throw new IllegalArgumentException("Urbach energy " + urbachEnergyEv + " eV must be below a tenth of the gap "
                    + bandGapEv + " eV");
        }
    }

    /**
     * A GaAs-like film: direct gap 1.42 eV at 300 K (Sze &amp; Ng, <i>Physics of Semiconductor Devices</i>, 3rd ed.,
     * 2007, table of semiconductor properties). {@code C = 5e4 cm⁻¹ eV^½} gives about 1e4 cm⁻¹ a tenth of an eV above the gap, the magnitude of
     * the room-temperature edge absorption of GaAs (Sturge, Phys. Rev. 127, 768 (1962)); a calibration, not a fit.
     * {@code EU = 7 meV} is a representative Urbach energy of a good crystal (a few meV at room temperature).
     */
    public static ThinFilm galliumArsenide(double thicknessNm) {
        return new ThinFilm("GaAs-like", 1.42, Transition.DIRECT_ALLOWED, 5.0e4, 0.007, thicknessNm);
    }

    /**
     * A silicon-like film: indirect gap 1.12 eV at 300 K (Sze &amp; Ng, ibid.). {@code C = 5.5e3 cm⁻¹ eV⁻¹}
     * gives α of about 60 cm⁻¹ at 1000 nm and 270 cm⁻¹ at 900 nm, the order of the tabulated values for crystalline
     * silicon (Green &amp; Keevers, Prog. Photovolt. 3, 189 (1995)); a calibration of the simple indirect law, valid
     * within a few tenths of an eV of the edge only (direct transitions dominate above 3 eV). {@code EU = 10 meV}
     * is a representative value.
     */
    public static ThinFilm silicon(double thicknessNm) {
        return new ThinFilm("Si-like", 1.12, Transition.INDIRECT_ALLOWED, 5.5e3, 0.010, thicknessNm);
    }

    /** The same film with another thickness. */
    public ThinFilm withThicknessNm(double nanometres) {
        return new ThinFilm(name, bandGapEv, transition, edgeStrength, urbachEnergyEv, nanometres);
    }

    /** The same film with another band gap. */
    public ThinFilm withBandGapEv(double electronVolts) {
        return new ThinFilm(name, electronVolts, transition, edgeStrength, urbachEnergyEv, thicknessNm);
    }

    private static void requirePositive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be positive and finite, was " + value);
        }
    }
}
