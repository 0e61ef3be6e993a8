package org.nanoos.labhub.simulator.opcua;

/**
 * The thermal response of a heating stage: a first-order lag toward the setpoint whose rate the controller limits,
 *
 * <pre>
 *   dT/dt = clamp((T_set − T) / τ, −r, +r)
 * </pre>
 *
 * with τ the stage's time constant (its heat capacity over the heat conductance to the heater, C/G) and r the
 * ramp rate. Far from the setpoint, |T_set − T| &gt; r·τ, the stage follows the ramp linearly; closer in it relaxes
 * exponentially, T_set − T(t) = (T_set − T₁)·exp(−(t − t₁)/τ). The two pieces join with the same slope. With
 * r = ∞ (heater off, free relaxation toward the surroundings) it is Newton's law of cooling.
 *
 * <p>{@link #advance} is the exact solution over a step, not an Euler step, so the result does not depend on how
 * the time is cut into steps: advancing by a then b equals advancing by a + b.
 *
 * @param timeConstantS τ in seconds, positive
 */
public record FirstOrderThermalLag(double timeConstantS) {

    /** Checks that τ is positive and finite. */
    public FirstOrderThermalLag {
        if (!(timeConstantS > 0) || Double.isInfinite(timeConstantS)) {
            throw new IllegalArgumentException("time constant must be positive and finite, was " + timeConstantS);
        }
    }

    /**
     * The temperature after {@code dtS} seconds.
     *
     * @param temperatureK   temperature now, K
     * @param setpointK      temperature the stage is driven to, K
     * @param rampKPerS      largest |dT/dt| in K/s, positive; {@link Double#POSITIVE_INFINITY} for no limit
     * @param dtS            time step in seconds, not negative
     * @return temperature after the step, K
     */
    public double advance(double temperatureK, double setpointK, double rampKPerS, double dtS) {
        if (!(rampKPerS > 0)) {
            throw new IllegalArgumentException("ramp rate must be positive, was " + rampKPerS);
        }
        if (!(dtS >= 0)) {
            throw new IllegalArgumentException("time step must not be negative, was " + dtS);
        }
        double error = setpointK - temperatureK;
        if (error == 0) {
            return setpointK;
        }
        double direction = Math.signum(error);
        double band = rampKPerS * timeConstantS;
        double remaining = dtS;
        if (Math.abs(error) > band) {
            double rampTime = (Math.abs(error) - band) / rampKPerS;
            if (remaining <= rampTime) {
                return temperatureK + direction * rampKPerS * remaining;
            }
            remaining -= rampTime;
            error = direction * band;
        }
        return setpointK - error * Math.exp(-remaining / timeConstantS);
    }
}
