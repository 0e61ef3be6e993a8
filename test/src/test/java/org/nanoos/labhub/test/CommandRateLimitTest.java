package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.connectors.slurm.CommandRateLimit;

/** The hub-wide limit on SLURM commands: a burst goes at once, the rest at the configured rate. */
class CommandRateLimitTest {

    @Test
    void should_let_a_burst_through_at_once_and_then_pace_commands_at_the_rate() throws Exception {
        CommandRateLimit limit = new CommandRateLimit(20, 5);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(limit.acquire(Duration.ZERO)).as("token %d of the burst", i).isTrue();
        }
        assertThat(System.nanoTime() - start).as("a burst does not wait").isLessThan(Duration.ofMillis(100).toNanos());
        assertThat(limit.acquire(Duration.ZERO)).as("an empty bucket refuses a caller that cannot wait").isFalse();

        long paced = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertThat(limit.acquire(Duration.ofSeconds(5))).isTrue();
        }
        long took = System.nanoTime() - paced;
        // ten tokens at 20 per second: about 0.5 s (the refill since the burst may give one early)
        assertThat(took).isBetween(Duration.ofMillis(400).toNanos(), Duration.ofMillis(1500).toNanos());
    }

    @Test
    void should_document_its_default() {
        CommandRateLimit limit = new CommandRateLimit();
        assertThat(limit.perSecond()).isEqualTo(CommandRateLimit.DEFAULT_PER_SECOND).isEqualTo(5.0);
        assertThat(limit.burst()).isEqualTo(CommandRateLimit.DEFAULT_BURST).isEqualTo(10);
    }
}
