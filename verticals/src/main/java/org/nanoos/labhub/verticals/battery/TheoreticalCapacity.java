package org.nanoos.labhub.verticals.battery;

/**
 * The theoretical gravimetric capacity of an electrode material, C = n·z·F / (3.6·M) in mAh/g, on two mass bases:
 * per gram of the host without the carriers and per gram of the loaded formula with them. For graphite, 1 Li per C6
 * gives 372 mAh/g per gram of C6 and 339 mAh/g per gram of LiC6; for LiFePO4, 170 mAh/g per gram of LiFePO4 and
 * 178 mAh/g per gram of FePO4. The usual convention for cathodes is the lithiated formula, for anodes the host.
 *
 * @param formula                 the formula as given
 * @param basis                   what the given formula describes
 * @param carrier                 the carrier ion
 * @param carriersPerFormulaUnit  n, carriers exchanged per formula unit
 * @param electronsPerFormulaUnit n·z, electrons exchanged per formula unit
 * @param hostFormula             the host without the n carriers
 * @param hostMolarMassGPerMol    its molar mass, g/mol
 * @param perHostMahPerG          capacity per gram of host, mAh/g
 * @param loadedFormula           the host with the n carriers
 * @param loadedMolarMassGPerMol  its molar mass, g/mol
 * @param perLoadedMahPerG        capacity per gram of the loaded formula, mAh/g
 * @param asGivenMahPerG          capacity per gram of the formula as given (one of the two above)
 * @param uAsGivenMahPerG         standard uncertainty of that from the atomic weights alone, mAh/g
 * @param method                  the formula and constants used, in words
 */
public record TheoreticalCapacity(String formula, FormulaBasis basis, CarrierIon carrier,
                                  double carriersPerFormulaUnit, double electronsPerFormulaUnit, String hostFormula,
                                  double hostMolarMassGPerMol, double perHostMahPerG, String loadedFormula,
                                  double loadedMolarMassGPerMol, double perLoadedMahPerG, double asGivenMahPerG,
                                  double uAsGivenMahPerG, String method) {
}
