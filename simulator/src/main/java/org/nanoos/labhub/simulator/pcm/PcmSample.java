package org.nanoos.labhub.simulator.pcm;

/**
 * One reading of the tester. The crystallized fraction is the model's true state, reported for validation and
 * display; the instrument itself measures only temperature and resistance.
 *
 * @param index                 reading number, from 0
 * @param timeS                 time since the start of the programme, s
 * @param temperatureK          film temperature, K
 * @param resistanceOhm         measured resistance, Ω
 * @param crystallineFraction   crystallized volume fraction x (true)
 */
public record PcmSample(int index, double timeS, double temperatureK, double resistanceOhm,
                        double crystallineFraction) {
}
