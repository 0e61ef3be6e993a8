package org.nanoos.labhub.verticals.pcm;

/**
 * The energy of the amorphous phase above the crystalline one, from total energies of two cells of the same
 * composition (e.g. DFT supercells).
 *
 * @param amorphousPerAtomEv      E_a/N_a, eV/atom
 * @param crystallinePerAtomEv    E_c/N_c, eV/atom
 * @param perAtomEv               ΔE = E_a/N_a − E_c/N_c, eV/atom (positive: the amorphous phase lies higher)
 * @param perAtomMeV              the same in meV/atom
 * @param atomsPerFormulaUnit     atoms per formula unit (9 for Ge2Sb2Te5)
 * @param perFormulaUnitEv        ΔE × atoms per formula unit, eV per formula unit
 * @param perFormulaUnitKjPerMol  the same in kJ per mole of formula units (× F/1000 = 96.485… kJ/mol per eV)
 */
public record PhaseEnergyDifference(double amorphousPerAtomEv, double crystallinePerAtomEv, double perAtomEv,
                                    double perAtomMeV, double atomsPerFormulaUnit, double perFormulaUnitEv,
                                    double perFormulaUnitKjPerMol) {
}
