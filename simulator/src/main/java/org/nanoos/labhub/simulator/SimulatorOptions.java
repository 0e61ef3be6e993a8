package org.nanoos.labhub.simulator;

import java.time.Duration;
import java.util.Objects;
import org.nanoos.labhub.simulator.cvd.CvdRecipe;

/**
 * How to run the simulated CVD reactor: where to publish, under which instrument id, how often (wall clock) and how
 * fast simulated time runs. Start from {@link #defaults(String)} or {@link #builder(String)}.
 *
 * @param brokerUrl        MQTT broker, e.g. {@code tcp://localhost:1883}
 * @param instrumentId     second topic level and reading-id prefix, e.g. {@code cvd-1}
 * @param clientId         MQTT client id
 * @param publishInterval  wall-clock time between two publications of the process variables
 * @param speedUp          simulated seconds per wall-clock second
 * @param seed             seed of the noise and fluctuations; equal seeds give equal process data
 * @param recipe           the recipe run back to back
 */
public record SimulatorOptions(String brokerUrl, String instrumentId, String clientId, Duration publishInterval,
                               double speedUp, long seed, CvdRecipe recipe) {

    /** Instrument id of the default options. */
    public static final String DEFAULT_INSTRUMENT_ID = "cvd-1";
    /** Wall-clock publish interval of the default options. */
    public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofSeconds(1);
    /** Speed-up of the default options: a 24-minute recipe takes 24 s. */
    public static final double DEFAULT_SPEED_UP = 60.0;
    /** Seed of the default options. */
    public static final long DEFAULT_SEED = 42L;

    /** Checks that nothing is missing and that interval and speed-up are positive. */
    public SimulatorOptions {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(publishInterval, "publishInterval");
        Objects.requireNonNull(recipe, "recipe");
        if (publishInterval.isNegative() || publishInterval.isZero()) {
            throw new IllegalArgumentException("publish interval must be positive, was " + publishInterval);
        }
        if (!(speedUp > 0) || Double.isInfinite(speedUp)) {
            throw new IllegalArgumentException("speed-up must be positive and finite, was " + speedUp);
        }
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("client id must not be blank");
        }
    }

    /** Defaults: instrument {@code cvd-1}, client id {@code labhub-sim-cvd-1}, 1 s, 60×, seed 42, 620 °C poly-Si. */
    public static SimulatorOptions defaults(String brokerUrl) {
        return builder(brokerUrl).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder(String brokerUrl) {
        return new Builder(brokerUrl);
    }

    /** Simulated seconds that pass between two publications. */
    public double simulatedSecondsPerPublish() {
        return publishInterval.toNanos() / 1e9 * speedUp;
    }

    /** Builds {@link SimulatorOptions}; the client id follows the instrument id unless set explicitly. */
    public static final class Builder {
        private final String brokerUrl;
        private String instrumentId = DEFAULT_INSTRUMENT_ID;
        private String clientId;
        private Duration publishInterval = DEFAULT_PUBLISH_INTERVAL;
        private double speedUp = DEFAULT_SPEED_UP;
        private long seed = DEFAULT_SEED;
        private CvdRecipe recipe = CvdRecipe.polysilicon620();

        private Builder(String brokerUrl) {
            this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
        }

        /** Instrument id, e.g. {@code cvd-2}. */
        public Builder instrumentId(String value) {
            this.instrumentId = value;
            return this;
        }

        /** MQTT client id; default {@code labhub-sim-<instrumentId>}. */
        public Builder clientId(String value) {
            this.clientId = value;
            return this;
        }

        /** Wall-clock interval between publications. */
        public Builder publishInterval(Duration value) {
            this.publishInterval = value;
            return this;
        }

        /** Simulated seconds per wall-clock second. */
        public Builder speedUp(double value) {
            this.speedUp = value;
            return this;
        }

        /** Seed of noise and fluctuations. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Recipe to run back to back. */
        public Builder recipe(CvdRecipe value) {
            this.recipe = value;
            return this;
        }

        /** The options. */
        public SimulatorOptions build() {
            String id = clientId != null ? clientId : "labhub-sim-" + instrumentId;
            return new SimulatorOptions(brokerUrl, instrumentId, id, publishInterval, speedUp, seed, recipe);
        }
    }
}
