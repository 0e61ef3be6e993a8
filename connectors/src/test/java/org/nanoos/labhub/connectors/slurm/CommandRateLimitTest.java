package org.nanoos.labhub.connectors.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The hub-wide limit on SLURM commands: a burst goes at once, the rest at the configured rate. The bucket reads a
 * clock the test moves by hand, so what is checked is the arithmetic of the token bucket, not the machine's speed.
 */
class CommandRateLimitTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void should_let_a_burst_through_at_once_and_then_pace_commands_at_the_rate() {
        CommandRateLimit limit = new CommandRateLimit(20, 5, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(limit.reserve(0)).as("token %d of the burst is due at once", i).isZero();
        }
        assertThat(limit.reserve(0)).as("an empty bucket refuses a caller that cannot wait").isEqualTo(-1);

        // callers that may wait each reserve the next token: due 50 ms apart at 20 per second
        for (int i = 1; i <= 10; i++) {
            assertThat(limit.reserve(Duration.ofSeconds(5).toNanos())).as("wait of caller %d", i)
                    .isEqualTo(i * 50 * MS);
        }
        // a caller that may wait less than the queue ahead of it is refused and takes nothing
        assertThat(limit.reserve(100 * MS)).isEqualTo(-1);
        assertThat(limit.reserve(Duration.ofSeconds(5).toNanos())).isEqualTo(11 * 50 * MS);
    }

    @Test
    void should_refill_with_time_up_to_the_burst_only() {
        CommandRateLimit limit = new CommandRateLimit(20, 5, now::get);
        for (int i = 0; i < 5; i++) {
            limit.reserve(0);
        }
        now.addAndGet(120 * MS); // 2.4 tokens
        assertThat(limit.reserve(0)).isZero();
        assertThat(limit.reserve(0)).isZero();
        assertThat(limit.reserve(0)).isEqualTo(-1);
        now.addAndGet(Duration.ofMinutes(10).toNanos()); // a quiet spell refills to the burst, not beyond
        for (int i = 0; i < 5; i++) {
            assertThat(limit.reserve(0)).isZero();
        }
        assertThat(limit.reserve(0)).isEqualTo(-1);
    }

    @Test
    void should_sleep_for_a_reserved_token_on_the_real_clock() throws Exception {
        CommandRateLimit limit = new CommandRateLimit(1000, 1);
        assertThat(limit.acquire(Duration.ZERO)).isTrue();
        assertThat(limit.acquire(Duration.ofSeconds(5))).as("the next token comes within a millisecond").isTrue();
    }

    @Test
    void should_refuse_a_rate_or_burst_that_makes_no_sense() {
        assertThatThrownBy(() -> new CommandRateLimit(0, 1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new CommandRateLimit(Double.NaN, 1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new CommandRateLimit(5, 0)).hasMessageContaining("at least 1");
    }

    @Test
    void should_document_its_default() {
        CommandRateLimit limit = new CommandRateLimit();
        assertThat(limit.perSecond()).isEqualTo(CommandRateLimit.DEFAULT_PER_SECOND).isEqualTo(5.0);
        assertThat(limit.burst()).isEqualTo(CommandRateLimit.DEFAULT_BURST).isEqualTo(10);
    }
}
