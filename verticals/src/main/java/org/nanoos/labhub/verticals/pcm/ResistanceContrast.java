package org.nanoos.labhub.verticals.pcm;

/**
 * The resistance (or resistivity) contrast between the amorphous (RESET) and crystalline (SET) states.
 *
 * @param amorphous   R or ρ of the amorphous state, in the unit given
 * @param crystalline R or ρ of the crystalline state, in the same unit
 * @param ratio       amorphous / crystalline
 * @param decades     log₁₀ of the ratio (orders of magnitude; negative if the crystalline state is the more resistive)
 */
public record ResistanceContrast(double amorphous, double crystalline, double ratio, double decades) {
}
