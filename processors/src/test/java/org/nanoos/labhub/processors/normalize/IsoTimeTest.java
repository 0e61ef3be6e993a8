package org.nanoos.labhub.processors.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written fast path for ISO-8601 times must agree with {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}. */
class IsoTimeTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T10:15:30Z", "2026-11-21T10:15:30.1Z", "2026-11-21T10:15:30.123Z",
            "2026-11-21T10:15:30.123456789Z", "2026-11-21T12:15:30.123+02:00", "2026-11-21T04:45:30-05:30",
            "2024-02-29T23:59:59.999+14:00", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00-18:00",
            "9999-12-31T23:59:59.999999999+18:00", "2026-12-31T23:30:00-01:00"})
    void should_read_common_iso_times_exactly_as_the_jdk_formatter(String text) throws Exception {
        Instant expected = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);

        assertThat(Readings.commonIsoTime(text)).isEqualTo(expected);
        assertThat(Readings.isoTime("", text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21t10:15:30z", "2026-11-21T10:15:30+02:00:30", "2026-11-21T10:15:30.Z", "+12026-11-21T10:15:30Z"})
    void should_leave_rarer_iso_forms_to_the_jdk_formatter(String text) throws Exception {
        assertThat(Readings.commonIsoTime(text)).isNull();
        assertThat(Readings.isoTime("", text))
                .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T10:15:30Z", "2026-04-31T10:15:30Z", "2026-13-01T10:15:30Z",
            "2026-11-21T24:00:00Z", "2026-11-21T10:60:00Z", "2026-11-21T10:15:60Z", "2026-11-21T10:15:30",
            "2026-11-21T10:15:30.1234567890Z", "2026-11-21T10:15:30+19:00",
            "2026-11-21T10:15:30+0200", "2026-11-21 10:15:30Z", "2026-11-21T10:15:30Zjunk", "yesterday"})
    void should_reject_invalid_times(String text) {
        assertThat(Readings.commonIsoTime(text)).isNull();
        assertThatThrownBy(() -> Readings.isoTime("", text))
                .isInstanceOf(InvalidMeasurementException.class)
                .hasMessageContaining("unparseable time");
    }
}
