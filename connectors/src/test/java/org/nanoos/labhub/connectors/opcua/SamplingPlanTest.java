package org.nanoos.labhub.connectors.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the hub asks of a server for a node: publishing interval and a queue that holds a publish's samples. */
class SamplingPlanTest {

    @Test
    void should_publish_every_ten_samples_within_100_ms_to_1_s() {
        assertThat(SamplingPlan.forSampling(20)).isEqualTo(new SamplingPlan(20, 200, 20));
        assertThat(SamplingPlan.forSampling(10)).isEqualTo(new SamplingPlan(10, 100, 20));
        assertThat(SamplingPlan.forSampling(100)).isEqualTo(new SamplingPlan(100, 1000, 20));
        assertThat(SamplingPlan.forSampling(2).publishingIntervalMs()).isEqualTo(100);
        assertThat(SamplingPlan.forSampling(60_000).publishingIntervalMs()).isEqualTo(1000);
    }

    @Test
    void should_hold_twice_the_samples_of_a_publishing_interval_from_10_to_1000() {
        assertThat(SamplingPlan.queueSize(1000, 30)).isEqualTo(68);
        assertThat(SamplingPlan.queueSize(1000, 1000)).isEqualTo(10);
        assertThat(SamplingPlan.queueSize(1000, 60_000)).isEqualTo(10);
        assertThat(SamplingPlan.queueSize(1000, 1)).isEqualTo(1000);
    }

    @Test
    void should_size_the_queue_again_for_what_the_server_revised() {
        // a server that publishes no faster than every 2 s and samples at its own 50 ms
        SamplingPlan revised = SamplingPlan.forSampling(20).revised(2000, 50);

        assertThat(revised).isEqualTo(new SamplingPlan(50, 2000, 80));
        assertThat(SamplingPlan.forSampling(20).revised(0, 0)).isEqualTo(SamplingPlan.forSampling(20));
    }

    @Test
    void should_refuse_a_sampling_interval_that_is_not_a_positive_number() {
        for (double interval : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> SamplingPlan.forSampling(interval)).as("%s", interval)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
