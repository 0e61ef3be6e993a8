package org.nanoos.labhub.processors.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash escapes), so the
 * writer can stream a batch with one COPY instead of binding thousands of statement parameters.
 */
final class CopyText {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    private final StringBuilder scratch = new StringBuilder(256);
    private boolean firstInRow = true;

    private void separator() {
        if (!firstInRow) {
            out.write('\t');
        }
        firstInRow = false;
    }

    CopyText text(String s) {
        separator();
        if (s == null) {
            out.write('\\');
            out.write('N');
            return this;
        }
        scratch.setLength(0);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> scratch.append("\\\\");
                case '\t' -> scratch.append("\\t");
                case '\n' -> scratch.append("\\n");
                case '\r' -> scratch.append("\\r");
                default -> scratch.append(ch);
            }
        }
        byte[] b = scratch.toString().getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        return this;
    }

    CopyText number(Double v) {
        return v == null ? text(null) : text(Double.toString(v));
    }

    CopyText integer(int v) {
        return text(Integer.toString(v));
    }

    CopyText time(Instant t) {
        return text(t.toString());
    }

    /** A bytea value in hex form; the backslash is escaped for the COPY text format. */
    CopyText bytes(byte[] b) {
        separator();
        out.write('\\');
        out.write('\\');
        out.write('x');
        for (byte x : b) {
            out.write(HEX[(x >> 4) & 0xF]);
            out.write(HEX[x & 0xF]);
        }
        return this;
    }

    CopyText endRow() {
        out.write('\n');
        firstInRow = true;
        return this;
    }

    boolean isEmpty() {
        return out.size() == 0;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
