package org.nanoos.labhub.simulator;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.nanoos.labhub.simulator.cvd.ProcessSample;
import org.nanoos.labhub.simulator.cvd.RunResult;
import org.nanoos.labhub.simulator.mqtt.MqttInstrumentPublisher;

/**
 * The MQTT readings of a simulated CVD reactor, the same for the continuous {@link Simulator} and the commanded
 * tool ({@code cvdtool.CommandedCvdReactor}): the process variables of a {@link ProcessSample} on
 * {@code lab/<id>/chamber/temperature} (Cel), {@code chamber/pressure} (Pa), {@code mfc/sih4/flow} and
 * {@code mfc/n2/flow} (cm3/min), and a run's film on {@code film/thickness} (nm), {@code film/deposition_rate}
 * (nm/min), {@code film/uniformity} (%), {@code film/yield} (%) and the series {@code film/thickness_profile}
 * (mm, nm), each rounded to the resolution of the instrument that shows it. Reading ids are
 * {@code <id>-<session>-<run>-<seq>}, the session being the creation time in base 36 so that ids stay unique across
 * restarts.
 */
public final class CvdReadings {

    private final MqttInstrumentPublisher publisher;
    private final String idPrefix;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * Readings through {@code publisher}, with reading ids of this session.
     *
     * @param session a token unique to this process run, e.g. the start time in base 36
     */
    public CvdReadings(MqttInstrumentPublisher publisher, String session) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.idPrefix = publisher.instrumentId() + "-" + Objects.requireNonNull(session, "session") + "-";
    }

    /** Publishes the process variables of a sample of run {@code run}, stamped {@code time}. */
    public void publishSample(ProcessSample s, int run, Instant time) {
        publisher.publishScalar("chamber/temperature", nextId(run), time,
                round(s.thermocoupleK() - Simulator.CELSIUS_ZERO_K, 2), Simulator.UNIT_CELSIUS);
        publisher.publishScalar("chamber/pressure", nextId(run), time, roundSignificant(s.pressureReadingPa(), 4),
                Simulator.UNIT_PASCAL);
        publisher.publishScalar("mfc/sih4/flow", nextId(run), time, round(s.precursorFlowReadingSccm(), 2),
                Simulator.UNIT_SCCM);
        publisher.publishScalar("mfc/n2/flow", nextId(run), time, round(s.carrierFlowReadingSccm(), 2),
                Simulator.UNIT_SCCM);
    }

    /** Publishes the film of run {@code run}, stamped {@code time}, and returns the values as published. */
    public FilmResults publishRun(RunResult r, int run, Instant time) {
        FilmResults film = new FilmResults(round(r.meanThicknessNm(), 3), round(r.depositionRateNmPerMin(), 4),
                roundSignificant(r.nonUniformityPercent(), 4), roundSignificant(r.yieldPercent(), 4));
        publisher.publishScalar("film/thickness", nextId(run), time, film.thicknessNm(), Simulator.UNIT_NANOMETRE);
        publisher.publishScalar("film/deposition_rate", nextId(run), time, film.depositionRateNmPerMin(),
                Simulator.UNIT_NM_PER_MIN);
        publisher.publishScalar("film/uniformity", nextId(run), time, film.uniformityPercent(),
                Simulator.UNIT_PERCENT);
        publisher.publishScalar("film/yield", nextId(run), time, film.yieldPercent(), Simulator.UNIT_PERCENT);
        double[] radii = r.radiiMm().stream().mapToDouble(Double::doubleValue).map(v -> round(v, 3)).toArray();
        double[] thickness = r.thicknessNm().stream().mapToDouble(Double::doubleValue).map(v -> round(v, 3)).toArray();
        publisher.publishSeries("film/thickness_profile", nextId(run), time, Simulator.UNIT_MILLIMETRE, radii,
                Simulator.UNIT_NANOMETRE, thickness);
        return film;
    }

    private String nextId(int run) {
        return idPrefix + run + "-" + sequence.incrementAndGet();
    }

    /** Rounds to a number of decimals, as an instrument display of that resolution would. */
    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Rounds to a number of significant digits. */
    static double roundSignificant(double value, int digits) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        int magnitude = (int) Math.floor(Math.log10(Math.abs(value)));
        int decimals = digits - 1 - magnitude;
        if (decimals >= 0) {
            return round(value, decimals);
        }
        double scale = Math.pow(10, -decimals);
        return Math.round(value / scale) * scale;
    }
}
