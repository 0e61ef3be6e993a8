package org.nanoos.labhub.verticals.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Units are parsed on whatever thread a reading arrives on — an HTTP event loop, a Milo or Paho thread — whose
 * context class loader may not see the UCUM definitions. The first parse must work there and must not leave the
 * parser broken for every later caller.
 */
class UcumThreadContextTest {

    @Test
    void should_parse_units_on_a_thread_whose_context_class_loader_sees_nothing() throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(UcumUnits.toSi("deg"));
            } catch (Throwable e) {
                result.set(e);
            }
        });
        t.setContextClassLoader(new ClassLoader(null) {
        });
        t.start();
        t.join();
        assertThat(result.get()).as(String.valueOf(result.get())).isInstanceOf(SiConverter.class);
        assertThat(UcumUnits.toSi("mA.h").siUnit()).isEqualTo("C");
    }
}
