package org.nanoos.labhub.simulator.battery;

/**
 * The step of a charge/discharge cycle the cycler is in.
 */
public enum Step {
    /** Constant-current charge (delithiation of LiFePO<sub>4</sub>), current positive. */
    CHARGE,
    /** Constant-current discharge (lithiation), current negative. */
    DISCHARGE
}
