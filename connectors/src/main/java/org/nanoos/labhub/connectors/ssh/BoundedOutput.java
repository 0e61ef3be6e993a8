package org.nanoos.labhub.connectors.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code limit} bytes of a remote command's output and notes that more came. */
public final class BoundedOutput extends OutputStream {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private boolean truncated;

    public BoundedOutput(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        if (kept.size() < limit) {
            kept.write(b);
        } else {
            truncated = true;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.min(len, limit - kept.size());
        if (room > 0) {
            kept.write(b, off, room);
        }
        if (room < len) {
            truncated = true;
        }
    }

    /** Whether output beyond the limit was dropped. */
    public synchronized boolean truncated() {
        return truncated;
    }

    /** What was kept, as UTF-8 text. */
    public synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}
