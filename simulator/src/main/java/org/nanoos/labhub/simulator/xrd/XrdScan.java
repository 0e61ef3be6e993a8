package org.nanoos.labhub.simulator.xrd;

import java.util.Arrays;

/**
 * The counts of a θ–2θ step scan as far as it has gone: one 2θ (degrees) and one count per measured step, the
 * counting time per step, and the number of steps the whole scan will have.
 *
 * @param twoThetaDeg       2θ of each measured step, degrees (a defensive copy is kept and returned)
 * @param counts            counts recorded at each measured step (a defensive copy is kept and returned)
 * @param countTimePerStepS counting time at each step, s
 * @param totalSteps        the number of steps in the complete scan
 */
public record XrdScan(double[] twoThetaDeg, long[] counts, double countTimePerStepS, int totalSteps) {

    /** Checks matching lengths, non-negative counts and that no more steps are measured than the scan has. */
    public XrdScan {
        twoThetaDeg = twoThetaDeg.clone();
        counts = counts.clone();
        if (twoThetaDeg.length != counts.length) {
            throw new IllegalArgumentException(twoThetaDeg.length + " angles but " + counts.length + " counts");
        }
        if (counts.length > totalSteps) {
            throw new IllegalArgumentException(counts.length + " steps measured of a scan of " + totalSteps);
        }
        if (Arrays.stream(counts).anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if (!(countTimePerStepS > 0)) {
            throw new IllegalArgumentException("counting time must be positive, was " + countTimePerStepS);
        }
    }

    /** A copy of the 2θ values, degrees. */
    @Override
    public double[] twoThetaDeg() {
        return twoThetaDeg.clone();
    }

    /** A copy of the counts. */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** The number of steps measured so far. */
    public int size() {
        return counts.length;
    }

    /** Whether every step of the scan has been measured. */
    public boolean complete() {
        return counts.length == totalSteps;
    }

    /** 2θ of step {@code i}, degrees. */
    public double twoThetaDegAt(int i) {
        return twoThetaDeg[i];
    }

    /** Counts at step {@code i}. */
    public long countsAt(int i) {
        return counts[i];
    }

    /** The count rate at step {@code i}, counts per second. */
    public double countRateAt(int i) {
        return counts[i] / countTimePerStepS;
    }

    /** Steps {@code from} (inclusive) to {@code to} (exclusive), e.g. the chunk measured since the last report. */
    public XrdScan slice(int from, int to) {
        if (from < 0 || to > counts.length || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + counts.length);
        }
        return new XrdScan(Arrays.copyOfRange(twoThetaDeg, from, to), Arrays.copyOfRange(counts, from, to),
                countTimePerStepS, totalSteps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XrdScan s && Arrays.equals(twoThetaDeg, s.twoThetaDeg) && Arrays.equals(counts, s.counts)
                && Double.compare(countTimePerStepS, s.countTimePerStepS) == 0 && totalSteps == s.totalSteps;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(twoThetaDeg);
        h = 31 * h + Arrays.hashCode(counts);
        h = 31 * h + Double.hashCode(countTimePerStepS);
        return 31 * h + totalSteps;
    }

    @Override
    public String toString() {
        String range = counts.length == 0 ? "none"
                : twoThetaDeg[0] + "°.." + twoThetaDeg[counts.length - 1] + "°";
        return "XrdScan[" + counts.length + "/" + totalSteps + " steps, " + range + ", " + countTimePerStepS + " s/step]";
    }
}
