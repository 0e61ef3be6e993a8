package org.nanoos.labhub.verticals.crystallography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowderDiffractionTest {

    // Room-temperature isotropic displacement parameters B (Å²), approximate: Si 0.46, Cu 0.55, Fe 0.35
    // (Sears & Shelley, Acta Cryst. A47 (1991) 441); Na 1.6 and Cl 1.2 in NaCl and Mg 1.3 are of the size the Debye
    // model gives for those Debye temperatures. Peak positions do not depend on B; intensity orderings hardly do.
    private static final Crystal SILICON = Crystal.diamond("Si", 5.431, 0.46);
    private static final Crystal COPPER = Crystal.fcc("Cu", 3.615, 0.55);
    private static final Crystal IRON = Crystal.bcc("Fe", 2.8665, 0.35);
    private static final Crystal HALITE = Crystal.rockSalt("Na", "Cl", 5.640, 1.6, 1.2);
    private static final Crystal MAGNESIUM = Crystal.hcp("Mg", 3.209, 5.211, 1.3);

    private static List<Reflection> cuKAlpha1(Crystal crystal, double twoThetaMax) {
        return PowderDiffraction.reflections(crystal, Radiation.copperKAlpha1(), twoThetaMax);
    }

    private static Reflection line(List<Reflection> pattern, int h, int k, int l) {
        return pattern.stream().filter(r -> r.isIndexed(h, k, l)).findFirst()
                .orElseThrow(() -> new AssertionError("no reflection (" + h + " " + k + " " + l + ") in " + pattern));
    }

    private static Reflection strongest(List<Reflection> pattern) {
        return pattern.stream().max(Comparator.comparingDouble(Reflection::intensity)).orElseThrow();
    }

    @Test
    void should_place_the_first_silicon_reflections_at_the_reference_angles() {
        // Si, Cu Kα1: PDF 27-1402 (NBS Monograph 25, sec. 13, 1976; a = 5.43088 Å, the NIST SRM 640 value):
        // 111 28.443°, 220 47.303°, 311 56.123°, 400 69.131°, 331 76.377°
        List<Reflection> si = cuKAlpha1(SILICON, 80);

        assertThat(si).extracting(Reflection::hkl)
                .containsExactly("(1 1 1)", "(2 2 0)", "(3 1 1)", "(4 0 0)", "(3 3 1)");
        assertThat(line(si, 1, 1, 1).twoThetaDeg()).isCloseTo(28.443, within(0.02));
        assertThat(line(si, 2, 2, 0).twoThetaDeg()).isCloseTo(47.303, within(0.02));
        assertThat(line(si, 3, 1, 1).twoThetaDeg()).isCloseTo(56.123, within(0.02));
        assertThat(line(si, 4, 0, 0).twoThetaDeg()).isCloseTo(69.131, within(0.02));
        assertThat(line(si, 3, 3, 1).twoThetaDeg()).isCloseTo(76.377, within(0.02));
        assertThat(line(si, 1, 1, 1).dSpacingA()).isCloseTo(3.1355, within(0.0005));
    }

    @Test
    void should_extinguish_the_diamond_forbidden_reflections_through_the_structure_factor() {
        // Diamond structure: F = 0 for mixed parity and for all-even with h+k+l = 4n+2 (Cullity & Stock, ch. 4).
        // 222 is forbidden for spherical atoms; its weak observed intensity comes from bonding charge.
        assertThat(StructureFactor.of(SILICON, 2, 0, 0).squaredModulus()).isLessThan(1e-20);
        assertThat(StructureFactor.of(SILICON, 2, 2, 2).squaredModulus()).isLessThan(1e-20);
        assertThat(StructureFactor.of(SILICON, 1, 0, 0).squaredModulus()).isLessThan(1e-20);
        assertThat(StructureFactor.of(SILICON, 4, 2, 0).squaredModulus()).isLessThan(1e-20);
        List<Reflection> si = cuKAlpha1(SILICON, 120);
        assertThat(si).noneMatch(r -> r.isIndexed(2, 0, 0) || r.isIndexed(2, 2, 2) || r.isIndexed(4, 2, 0));
        // no line where 200 (d = a/2) or 222 (d = a/√12) would fall
        assertThat(si).noneMatch(r -> Math.abs(r.dSpacingA() - 5.431 / 2) < 1e-6);
        assertThat(si).noneMatch(r -> Math.abs(r.dSpacingA() - 5.431 / Math.sqrt(12)) < 1e-6);
    }

    @Test
    void should_give_the_closed_form_structure_factors_of_diamond_fcc_bcc_rock_salt_and_hcp() {
        // Closed forms (Cullity & Stock, ch. 4), with f the Debye–Waller-damped scattering factor at s = 1/(2d):
        // diamond: |F|² = 32 f² for h,k,l all odd, 64 f² for all even with h+k+l = 4n; fcc: F = 4f unmixed;
        // bcc: F = 2f for h+k+l even; rock salt: F = 4(f₊ + f₋) all even, 4|f₊ − f₋| all odd;
        // hcp: |F|² = 4f² for h+2k = 3n and l even, 3f² for h+2k = 3n±1 and l odd, f² for h+2k = 3n±1 and l even.
        assertThat(StructureFactor.of(SILICON, 1, 1, 1).squaredModulus())
                .isCloseTo(32 * sq(damped("Si", 0.46, SILICON, 1, 1, 1)), within(1e-9));
        assertThat(StructureFactor.of(SILICON, 2, 2, 0).squaredModulus())
                .isCloseTo(64 * sq(damped("Si", 0.46, SILICON, 2, 2, 0)), within(1e-9));
        assertThat(StructureFactor.of(COPPER, 2, 0, 0).modulus())
                .isCloseTo(4 * damped("Cu", 0.55, COPPER, 2, 0, 0), within(1e-9));
        assertThat(StructureFactor.of(IRON, 2, 1, 1).modulus())
                .isCloseTo(2 * damped("Fe", 0.35, IRON, 2, 1, 1), within(1e-9));
        assertThat(StructureFactor.of(HALITE, 2, 0, 0).modulus())
                .isCloseTo(4 * (damped("Na", 1.6, HALITE, 2, 0, 0) + damped("Cl", 1.2, HALITE, 2, 0, 0)), within(1e-9));
        assertThat(StructureFactor.of(HALITE, 1, 1, 1).modulus())
                .isCloseTo(4 * (damped("Cl", 1.2, HALITE, 1, 1, 1) - damped("Na", 1.6, HALITE, 1, 1, 1)), within(1e-9));
        assertThat(StructureFactor.of(MAGNESIUM, 0, 0, 2).squaredModulus())
                .isCloseTo(4 * sq(damped("Mg", 1.3, MAGNESIUM, 0, 0, 2)), within(1e-9));
        assertThat(StructureFactor.of(MAGNESIUM, 1, 0, 1).squaredModulus())
                .isCloseTo(3 * sq(damped("Mg", 1.3, MAGNESIUM, 1, 0, 1)), within(1e-9));
        assertThat(StructureFactor.of(MAGNESIUM, 1, 0, 0).squaredModulus())
                .isCloseTo(sq(damped("Mg", 1.3, MAGNESIUM, 1, 0, 0)), within(1e-9));
        assertThat(StructureFactor.of(MAGNESIUM, 0, 0, 1).squaredModulus()).isLessThan(1e-20);
    }

    @Test
    void should_order_silicon_intensities_as_the_reference_pattern() {
        // PDF 27-1402 relative intensities: 111 100, 220 55, 311 30, 400 6, 331 11. That pattern was measured
        // (absorption, surface roughness and the counting of few large grains lower some lines); the kinematic
        // calculation for an ideal random powder without these effects runs up to ~10 units higher for 220-331.
        List<Reflection> si = cuKAlpha1(SILICON, 80);
        double i111 = line(si, 1, 1, 1).relativeIntensity();
        double i220 = line(si, 2, 2, 0).relativeIntensity();
        double i311 = line(si, 3, 1, 1).relativeIntensity();

        assertThat(strongest(si).isIndexed(1, 1, 1)).isTrue();
        assertThat(i111).isEqualTo(100.0);
        assertThat(i220).isLessThan(i111).isCloseTo(55, within(12.0));
        assertThat(i311).isLessThan(i220).isCloseTo(30, within(12.0));
        assertThat(line(si, 4, 0, 0).relativeIntensity()).isLessThan(line(si, 3, 3, 1).relativeIntensity())
                .isCloseTo(6, within(6.0));
        assertThat(line(si, 3, 3, 1).relativeIntensity()).isCloseTo(11, within(6.0));
    }

    @Test
    void should_count_multiplicities_from_the_coincident_reflections() {
        // m3m powder multiplicities (Cullity & Stock, App. 9): {111} 8, {220} 12, {311} 24, {400} 6, {331} 24;
        // {511} and {333} coincide at h²+k²+l² = 27, 24 + 8 = 32. hcp (6/mmm): {100} 6, {002} 2, {101} 12.
        List<Reflection> si = cuKAlpha1(SILICON, 100);
        assertThat(line(si, 1, 1, 1).multiplicity()).isEqualTo(8);
        assertThat(line(si, 2, 2, 0).multiplicity()).isEqualTo(12);
        assertThat(line(si, 3, 1, 1).multiplicity()).isEqualTo(24);
        assertThat(line(si, 4, 0, 0).multiplicity()).isEqualTo(6);
        assertThat(line(si, 3, 3, 1).multiplicity()).isEqualTo(24);
        assertThat(line(si, 5, 1, 1).multiplicity()).isEqualTo(32);
        List<Reflection> mg = cuKAlpha1(MAGNESIUM, 60);
        assertThat(line(mg, 1, 0, 0).multiplicity()).isEqualTo(6);
        assertThat(line(mg, 0, 0, 2).multiplicity()).isEqualTo(2);
        assertThat(line(mg, 1, 0, 1).multiplicity()).isEqualTo(12);
    }

    @Test
    void should_give_copper_its_fcc_pattern_with_111_strongest() {
        // Cu, PDF 04-0836 (a = 3.6150 Å): 111 43.297°, 200 50.433°, 220 74.130°; intensities 100, 46, 20.
        // The card's 2θ are computed from d rounded to 3 decimals, hence the 0.03° tolerance.
        List<Reflection> cu = cuKAlpha1(COPPER, 80);
        assertThat(cu).extracting(Reflection::hkl).containsExactly("(1 1 1)", "(2 0 0)", "(2 2 0)");
        assertThat(line(cu, 1, 1, 1).twoThetaDeg()).isCloseTo(43.297, within(0.03));
        assertThat(line(cu, 2, 0, 0).twoThetaDeg()).isCloseTo(50.433, within(0.03));
        assertThat(line(cu, 2, 2, 0).twoThetaDeg()).isCloseTo(74.130, within(0.03));
        assertThat(strongest(cu).isIndexed(1, 1, 1)).isTrue();
        assertThat(line(cu, 2, 0, 0).relativeIntensity()).isCloseTo(46, within(8.0));
        assertThat(line(cu, 2, 2, 0).relativeIntensity()).isCloseTo(20, within(8.0));
        // fcc: mixed parity absent
        assertThat(StructureFactor.of(COPPER, 1, 0, 0).squaredModulus()).isLessThan(1e-20);
        assertThat(StructureFactor.of(COPPER, 2, 1, 0).squaredModulus()).isLessThan(1e-20);
    }

    @Test
    void should_give_alpha_iron_its_bcc_pattern_without_odd_sum_reflections() {
        // α-Fe, PDF 06-0696 (a = 2.8664 Å): 110 44.673°, 200 65.021°, 211 82.333°; intensities 100, 20, 30.
        List<Reflection> fe = cuKAlpha1(IRON, 90);
        assertThat(fe).extracting(Reflection::hkl).containsExactly("(1 1 0)", "(2 0 0)", "(2 1 1)");
        assertThat(line(fe, 1, 1, 0).twoThetaDeg()).isCloseTo(44.673, within(0.02));
        assertThat(line(fe, 2, 0, 0).twoThetaDeg()).isCloseTo(65.021, within(0.02));
        assertThat(line(fe, 2, 1, 1).twoThetaDeg()).isCloseTo(82.333, within(0.02));
        assertThat(strongest(fe).isIndexed(1, 1, 0)).isTrue();
        assertThat(line(fe, 2, 1, 1).relativeIntensity()).isGreaterThan(line(fe, 2, 0, 0).relativeIntensity());
        for (int[] odd : new int[][] {{1, 0, 0}, {1, 1, 1}, {2, 1, 0}, {3, 0, 0}, {2, 2, 1}}) {
            assertThat(StructureFactor.of(IRON, odd[0], odd[1], odd[2]).squaredModulus()).isLessThan(1e-20);
        }
    }

    @Test
    void should_give_rock_salt_a_strong_200_and_a_weak_but_present_111() {
        // NaCl, PDF 05-0628 (a = 5.6402 Å): 111 27.366° (13), 200 31.692° (100), 220 45.449° (55)
        List<Reflection> nacl = cuKAlpha1(HALITE, 50);
        assertThat(strongest(nacl).isIndexed(2, 0, 0)).isTrue();
        assertThat(line(nacl, 2, 0, 0).twoThetaDeg()).isCloseTo(31.692, within(0.02));
        assertThat(line(nacl, 2, 2, 0).twoThetaDeg()).isCloseTo(45.449, within(0.02));
        assertThat(line(nacl, 1, 1, 1).twoThetaDeg()).isCloseTo(27.366, within(0.02));
        // F(111) = 4(f_Cl − f_Na): Na⁺ and Cl⁻ nearly cancel, leaving a weak line
        assertThat(line(nacl, 1, 1, 1).relativeIntensity()).isBetween(2.0, 25.0);
        assertThat(line(nacl, 2, 2, 0).relativeIntensity()).isCloseTo(55, within(10.0));
    }

    @Test
    void should_give_magnesium_its_hcp_triplet_with_101_strongest() {
        // Mg, PDF 35-0821 (a = 3.2094, c = 5.2108 Å): 100 32.193°, 002 34.398°, 101 36.619° (100 %)
        List<Reflection> mg = cuKAlpha1(MAGNESIUM, 40);
        assertThat(mg).extracting(Reflection::hkl).containsExactly("(1 0 0)", "(0 0 2)", "(1 0 1)");
        assertThat(line(mg, 1, 0, 0).twoThetaDeg()).isCloseTo(32.193, within(0.02));
        assertThat(line(mg, 0, 0, 2).twoThetaDeg()).isCloseTo(34.398, within(0.02));
        assertThat(line(mg, 1, 0, 1).twoThetaDeg()).isCloseTo(36.619, within(0.02));
        assertThat(strongest(mg).isIndexed(1, 0, 1)).isTrue();
    }

    @Test
    void should_double_every_line_with_the_k_alpha2_component_at_half_weight() {
        // Kα2 (1.54443 Å) satisfies Bragg's law at a slightly larger angle; differentiating λ = 2d sin θ gives
        // Δ(2θ) = 2 tan θ Δλ/λ. Its intensity is 0.5 × LP(2θ₂)/LP(2θ₁) of the Kα1 line.
        List<Reflection> doublet = PowderDiffraction.reflections(SILICON, Radiation.copperKAlpha12(), 50);
        assertThat(doublet).hasSize(4);
        Reflection a1 = doublet.get(0);
        Reflection a2 = doublet.get(1);
        assertThat(a1.line().label()).isEqualTo("Cu Kα1");
        assertThat(a2.line().label()).isEqualTo("Cu Kα2");
        assertThat(a2.isIndexed(1, 1, 1)).isTrue();
        double theta = Math.toRadians(a1.thetaDeg());
        double expectedSplit = Math.toDegrees(2 * Math.tan(theta) * (1.54443 - 1.5406) / 1.5406);
        assertThat(a2.twoThetaDeg() - a1.twoThetaDeg()).isCloseTo(expectedSplit, within(2e-4));
        assertThat(a2.relativeIntensity())
                .isCloseTo(50 * a2.lorentzPolarization() / a1.lorentzPolarization(), within(1e-9));
        assertThat(a1.relativeIntensity()).isEqualTo(100.0);
    }

    @Test
    void should_apply_the_lorentz_polarisation_factor_with_and_without_monochromator() {
        // LP = (1 + cos²2θ_M cos²2θ)/(sin²θ cos θ). At 2θ = 90° the polarisation term is 1 whatever the monochromator:
        // LP = 1/(½·√½) = 2√2. At 2θ = 60°: (1 + ¼)/(¼·√3/2) = 10/√3 without monochromator.
        assertThat(PowderDiffraction.lorentzPolarization(90, 0)).isCloseTo(2 * Math.sqrt(2), within(1e-12));
        assertThat(PowderDiffraction.lorentzPolarization(90, 26.6)).isCloseTo(2 * Math.sqrt(2), within(1e-12));
        assertThat(PowderDiffraction.lorentzPolarization(60, 0)).isCloseTo(10 / Math.sqrt(3), within(1e-12));
        double c = Math.cos(Math.toRadians(26.6));
        assertThat(PowderDiffraction.lorentzPolarization(60, 26.6))
                .isCloseTo((1 + c * c / 4) / (0.25 * Math.sqrt(3) / 2), within(1e-12));
    }

    @Test
    void should_apply_braggs_law() {
        // λ = 2d sin θ: d = λ/√2 diffracts at 2θ = 90°
        assertThat(PowderDiffraction.braggTwoThetaDeg(1.5406 / Math.sqrt(2), 1.5406)).isCloseTo(90, within(1e-9));
    }

    private static double damped(String element, double b, Crystal crystal, int h, int k, int l) {
        double s = 0.5 / crystal.lattice().dSpacing(h, k, l);
        return AtomicScatteringFactors.f0(element, s) * Math.exp(-b * s * s);
    }

    private static double sq(double x) {
        return x * x;
    }
}
