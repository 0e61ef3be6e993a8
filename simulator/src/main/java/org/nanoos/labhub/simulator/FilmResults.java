package org.nanoos.labhub.simulator;

/**
 * The film results of one CVD run exactly as published on {@code lab/<id>/film/...}: the reactor's
 * {@link org.nanoos.labhub.simulator.cvd.RunResult} rounded to the resolution a metrology report would show.
 *
 * @param thicknessNm            area-weighted mean thickness, nm ({@code film/thickness})
 * @param depositionRateNmPerMin mean thickness over deposition time, nm/min ({@code film/deposition_rate})
 * @param uniformityPercent      half-range non-uniformity (max − min)/(2·mean), % ({@code film/uniformity})
 * @param yieldPercent           share of the silane's silicon atoms that ended up in the film, % ({@code film/yield})
 */
public record FilmResults(double thicknessNm, double depositionRateNmPerMin, double uniformityPercent,
                          double yieldPercent) {
}
