package org.nanoos.labhub.verticals.battery;

import java.util.Locale;
import java.util.Objects;

import org.nanoos.labhub.verticals.battery.BatteryAnalysisException.Reason;
import org.nanoos.labhub.verticals.units.SiDefiningConstants;

/**
 * Electrode figures from composition and total energies: theoretical gravimetric capacity and average voltage.
 */
public final class ElectrodeCalculator {

    /** F/3.6 = 26 801.48… mAh/mol: the charge of one mole of electrons in mAh (1 mAh = 3.6 C). */
    static final double FARADAY_MAH_PER_MOL = SiDefiningConstants.FARADAY_C_PER_MOL / 3.6;

    private ElectrodeCalculator() {
    }

    /**
     * The theoretical capacity C = n·z·F/(3.6·M) in mAh/g for n carriers of charge z per formula unit, with
     * F = N_A·e = 96 485.332 12 C/mol (exact in the 2019 SI) and M from the IUPAC abridged atomic weights, per gram
     * of host and per gram of the loaded formula (see {@link TheoreticalCapacity}). Every carrier is taken to move
     * z electrons through the external circuit, i.e. the host's redox centres take up exactly n·z electrons; side
     * reactions, conversion and alloying beyond that are not counted.
     *
     * @param formula the electrode formula
     * @param basis   whether it already contains the n carriers or is the empty host
     * @param carrier the carrier ion (its z is used)
     * @param n       carriers per formula unit, positive (may be fractional)
     * @throws BatteryAnalysisException {@link Reason#NON_POSITIVE} for n ≤ 0,
     *                                  {@link Reason#CARRIERS_NOT_IN_FORMULA} when a formula said to contain the
     *                                  carriers holds fewer than n
     */
    public static TheoreticalCapacity theoreticalCapacity(ChemicalFormula formula, FormulaBasis basis,
                                                          CarrierIon carrier, double n) {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(carrier, "carrier");
        requirePositive(n, "carriers per formula unit n");
        ChemicalFormula host = basis == FormulaBasis.HOST ? formula : formula.withRemoved(carrier.symbol(), n);
        ChemicalFormula loaded = basis == FormulaBasis.HOST ? formula.withAdded(carrier.symbol(), n) : formula;
        double electrons = n * carrier.charge();
        double hostMass = host.molarMassGPerMol();
        double loadedMass = loaded.molarMassGPerMol();
        MolarMass given = formula.molarMass();
        double asGiven = electrons * FARADAY_MAH_PER_MOL / given.gPerMol();
        String method = String.format(Locale.ROOT, "C = n·z·F/(3.6·M) with n = %s %s per formula unit, z = %d, "
                        + "F = %.5f C/mol (N_A·e, exact), M from IUPAC 2021 abridged standard atomic weights; per "
                        + "gram of %s (host) and of %s (loaded); the formula as given is %s",
                ChemicalFormula.format(n), carrier.symbol(), carrier.charge(), SiDefiningConstants.FARADAY_C_PER_MOL,
                host.text(), loaded.text(), basis == FormulaBasis.HOST ? "the host" : "the loaded state");
        return new TheoreticalCapacity(formula.text(), basis, carrier, n, electrons, host.text(), hostMass,
                electrons * FARADAY_MAH_PER_MOL / hostMass, loaded.text(), loadedMass,
                electrons * FARADAY_MAH_PER_MOL / loadedMass, asGiven,
                asGiven * given.standardUncertaintyGPerMol() / given.gPerMol(), method);
    }

    /** {@link #theoreticalCapacity(ChemicalFormula, FormulaBasis, CarrierIon, double)} of a formula's text. */
    public static TheoreticalCapacity theoreticalCapacity(String formula, FormulaBasis basis, CarrierIon carrier,
                                                          double n) {
        return theoreticalCapacity(ChemicalFormula.parse(formula), basis, carrier, n);
    }

    /**
     * The average voltage against the carrier metal of the reaction charged + n M → discharged, from total
     * energies (M. K. Aydinol, A. F. Kohan, G. Ceder et al., Phys. Rev. B 56 (1997) 1354):
     *
     * <pre>
     * ΔE = E(discharged) − E(charged) − n·E(metal)        eV per formula unit of the host
     * V  = −ΔE / (n·z)                                    volts (eV per electron ÷ e)
     * </pre>
     *
     * <p>E(charged) and E(discharged) are total energies per formula unit of the same host (e.g. CoO2 and LiCoO2),
     * E(metal) the energy per atom of the carrier metal in its reference state (bcc Li, hcp Mg …), all in eV and all
     * from one consistent calculation. Energies stand in for Gibbs energies (pV and entropy neglected, as usual); the
     * result is the average over the whole composition range from charged to discharged.
     *
     * @throws BatteryAnalysisException {@link Reason#NOT_FINITE} for a NaN or infinite energy,
     *                                  {@link Reason#NON_POSITIVE} for n ≤ 0
     */
    public static AverageVoltage averageVoltage(double chargedEv, double dischargedEv, double metalEvPerAtom,
                                                CarrierIon carrier, double n) {
        Objects.requireNonNull(carrier, "carrier");
        requireFinite(chargedEv, "E(charged)");
        requireFinite(dischargedEv, "E(discharged)");
        requireFinite(metalEvPerAtom, "E(metal)");
        requirePositive(n, "carriers per formula unit n");
        double reaction = dischargedEv - chargedEv - n * metalEvPerAtom;
        double electrons = n * carrier.charge();
        String method = String.format(Locale.ROOT, "V = −[E(discharged) − E(charged) − n·E(%s)]/(n·z) with n = %s, "
                + "z = %d; energies in eV per formula unit (metal per atom)", carrier.symbol(),
                ChemicalFormula.format(n), carrier.charge());
        return new AverageVoltage(-reaction / electrons, reaction, carrier, n, electrons, method);
    }

    static void requirePositive(double value, String field) {
        requireFinite(value, field);
        if (!(value > 0)) {
            throw new BatteryAnalysisException(Reason.NON_POSITIVE, field + " must be positive, was " + value);
        }
    }

    static void requireFinite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new BatteryAnalysisException(Reason.NOT_FINITE, field + " must be finite, was " + value);
        }
    }
}
