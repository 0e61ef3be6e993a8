package org.nanoos.labhub.verticals.pcm;

/**
 * The energy of a melt-quench pulse under a {@link SwitchingHeatModel}.
 *
 * @param model             the model as given
 * @param massKg            m = ρ·V, kg
 * @param sensibleHeatJ     m·c_p·(T_m − T_ambient), J
 * @param latentHeatJ       m·ΔH_f, J
 * @param heatJ             their sum: heat that must reach the programmed volume, J
 * @param electricalEnergyJ heat / efficiency: the pulse energy, J
 * @param electricalEnergyPj the same in pJ
 * @param assumptions       the model's assumptions, in words
 */
public record SwitchingEnergy(SwitchingHeatModel model, double massKg, double sensibleHeatJ, double latentHeatJ,
                              double heatJ, double electricalEnergyJ, double electricalEnergyPj, String assumptions) {
}
