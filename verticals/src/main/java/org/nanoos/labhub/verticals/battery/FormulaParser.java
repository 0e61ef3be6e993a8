package org.nanoos.labhub.verticals.battery;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nanoos.labhub.verticals.battery.BatteryAnalysisException.Reason;

/**
 * Recursive-descent reader of {@link ChemicalFormula} text:
 *
 * <pre>
 * formula  = part { dot [count] part }
 * part     = term { term }
 * term     = ( symbol | open part close ) [count]
 * symbol   = upper { lower }                      (must name an element with a standard atomic weight)
 * count    = digits [ "." digits ]                (positive; '.' as {@link DotReading} says)
 * dot      = "·" | "•" | "∙" | "*" | "."          (spaces allowed around it)
 * </pre>
 */
final class FormulaParser {

    private static final String OPEN = "([{";
    private static final String CLOSE = ")]}";
    private static final String DOTS = "·•∙*.";

    private final String text;
    private final DotReading dots;
    private int pos;

    FormulaParser(String text, DotReading dots) {
        this.text = text;
        this.dots = dots;
    }

    Map<String, Double> parse() {
        if (text == null) {
            throw new BatteryAnalysisException(Reason.MALFORMED, "formula is missing");
        }
        if (text.isBlank()) {
            throw new BatteryAnalysisException(Reason.EMPTY_FORMULA, "formula is empty at index 0", 0);
        }
        skipSpaces();
        if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            throw fail(Reason.BAD_COUNT, "a formula starts with an element or a bracket, not a count", pos);
        }
        Map<String, Double> total = new LinkedHashMap<>();
        merge(total, part(-1), 1.0);
        while (pos < text.length()) {
            int dotAt = pos;
            pos++;
            skipSpaces();
            if (pos >= text.length()) {
                throw fail(Reason.UNEXPECTED_CHARACTER, "'" + text.charAt(dotAt) + "' is followed by nothing", dotAt);
            }
            double coefficient = Character.isDigit(text.charAt(pos)) ? count(true) : 1.0;
            merge(total, part(-1), coefficient);
        }
        return total;
    }

    /**
     * Terms up to the end, a hydrate dot (top level only) or the closing bracket of the group opened at
     * {@code openedAt} (−1 at top level).
     */
    private Map<String, Double> part(int openedAt) {
        Map<String, Double> counts = new LinkedHashMap<>();
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                if (openedAt >= 0) {
                    throw fail(Reason.UNBALANCED_BRACKETS, "'" + text.charAt(openedAt) + "' is never closed", openedAt);
                }
                break;
            }
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                int spaceAt = pos;
                skipSpaces();
                if (pos >= text.length() || DOTS.indexOf(text.charAt(pos)) >= 0) {
                    continue;
                }
                throw fail(Reason.UNEXPECTED_CHARACTER, "space inside a formula (spaces are allowed only around a "
                        + "hydrate dot)", spaceAt);
            }
            if (DOTS.indexOf(c) >= 0) {
                if (openedAt >= 0) {
                    throw fail(Reason.UNBALANCED_BRACKETS, "'" + text.charAt(openedAt) + "' is not closed before the "
                            + "hydrate dot '" + c + "' at index " + pos, openedAt);
                }
                break;
            }
            if (CLOSE.indexOf(c) >= 0) {
                if (openedAt < 0) {
                    throw fail(Reason.UNBALANCED_BRACKETS, "'" + c + "' closes no bracket", pos);
                }
                char expected = CLOSE.charAt(OPEN.indexOf(text.charAt(openedAt)));
                if (c != expected) {
                    throw fail(Reason.UNBALANCED_BRACKETS, "'" + c + "' cannot close the '" + text.charAt(openedAt)
                            + "' opened at index " + openedAt + " (expected '" + expected + "')", pos);
                }
                break;
            }
            if (OPEN.indexOf(c) >= 0) {
                int open = pos;
                pos++;
                Map<String, Double> inner = part(open);
                if (inner.isEmpty()) {
                    throw fail(Reason.BAD_COUNT, "empty brackets", open);
                }
                pos++; // the closing bracket
                merge(counts, inner, count(false));
                continue;
            }
            if (Character.isUpperCase(c)) {
                int symbolAt = pos;
                pos++;
                while (pos < text.length() && Character.isLowerCase(text.charAt(pos))) {
                    pos++;
                }
                String symbol = text.substring(symbolAt, pos);
                if (!AtomicWeights.isElement(symbol)) {
                    throw fail(Reason.UNKNOWN_ELEMENT, "unknown element '" + symbol + "'", symbolAt);
                }
                try {
                    AtomicWeights.of(symbol);
                } catch (BatteryAnalysisException e) {
                    throw fail(e.reason(), e.getMessage(), symbolAt);
                }
                counts.merge(symbol, count(false), Double::sum);
                continue;
            }
            if (Character.isDigit(c)) {
                throw fail(Reason.BAD_COUNT, "a count must follow an element or a closing bracket", pos);
            }
            throw fail(Reason.UNEXPECTED_CHARACTER, "unexpected '" + c + "'" + (Character.isLowerCase(c)
                    ? " (element symbols start with a capital letter)" : ""), pos);
        }
        if (counts.isEmpty() && openedAt < 0) {
            throw fail(Reason.UNEXPECTED_CHARACTER, pos < text.length() ? "expected an element or a bracket before '"
                    + text.charAt(pos) + "'" : "expected an element or a bracket", start);
        }
        return counts;
    }

    /**
     * The count at {@code pos}, 1 if there is none. A '.' between digits is a decimal point when the whole part is
     * zero or {@code leading} (a hydrate coefficient, where a dot cannot follow); otherwise {@link #dots} decides.
     */
    private double count(boolean leading) {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            return 1.0;
        }
        if (pos + 1 < text.length() && text.charAt(pos) == '.' && Character.isDigit(text.charAt(pos + 1))) {
            boolean zeroWhole = text.substring(start, pos).chars().allMatch(ch -> ch == '0');
            boolean decimal = leading || zeroWhole || dots == DotReading.DECIMAL_POINT;
            if (!decimal && dots == DotReading.STRICT) {
                throw fail(Reason.AMBIGUOUS_DOT, "'.' could be a decimal point (count " + text.substring(start, pos)
                        + "." + digitsFrom(pos + 1) + ") or a hydrate dot (" + text.substring(0, pos) + "·"
                        + text.substring(pos + 1) + "); write '·' or '*' for a hydrate, or parse with "
                        + "DotReading.DECIMAL_POINT or HYDRATE_DOT", pos);
            }
            if (decimal) {
                pos++;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
        }
        String digits = text.substring(start, pos);
        double n = Double.parseDouble(digits);
        if (!(n > 0) || Double.isInfinite(n)) {
            throw fail(Reason.BAD_COUNT, "count " + digits + " must be positive and finite", start);
        }
        return n;
    }

    private String digitsFrom(int from) {
        int end = from;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return text.substring(from, end);
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static void merge(Map<String, Double> into, Map<String, Double> from, double factor) {
        from.forEach((symbol, n) -> into.merge(symbol, n * factor, Double::sum));
    }

    private BatteryAnalysisException fail(Reason reason, String message, int at) {
        return new BatteryAnalysisException(reason, message + " at index " + at + " of \"" + text + "\"", at);
    }
}
