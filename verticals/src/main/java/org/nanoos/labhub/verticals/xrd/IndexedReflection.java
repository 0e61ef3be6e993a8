package org.nanoos.labhub.verticals.xrd;

/**
 * One fitted peak with the Miller indices the chosen cell gives it. For a cubic cell (h k l) is a representative of
 * the family with that h²+k²+l² (largest h first, e.g. (5 1 1) for the coincident {511} and {333}); for a hexagonal
 * cell it is (h k l) with i = −(h + k) implied.
 *
 * @param h                first Miller index
 * @param k                second Miller index
 * @param l                third Miller index
 * @param twoThetaObsDeg   the fitted peak position, degrees
 * @param uTwoThetaObsDeg  its standard uncertainty from the fit, degrees
 * @param twoThetaCalcDeg  the position the refined cell predicts, degrees
 * @param residualDeg      observed − calculated, degrees
 * @param dObsA            the observed d-spacing, Å
 * @param dCalcA           the calculated d-spacing, Å
 */
public record IndexedReflection(int h, int k, int l, double twoThetaObsDeg, double uTwoThetaObsDeg,
                                double twoThetaCalcDeg, double residualDeg, double dObsA, double dCalcA) {

    /** The indices written as {@code (h k l)}. */
    public String hkl() {
        return "(" + h + " " + k + " " + l + ")";
    }
}
