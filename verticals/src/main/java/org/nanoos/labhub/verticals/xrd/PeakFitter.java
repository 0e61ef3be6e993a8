package org.nanoos.labhub.verticals.xrd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.util.Pair;
import org.nanoos.labhub.verticals.crystallography.EmissionLine;
import org.nanoos.labhub.verticals.crystallography.Radiation;

/**
 * Fits detected peaks by Levenberg–Marquardt least squares (Apache Commons Math). Peaks whose fit windows overlap are
 * fitted together. Each window has a linear background b₀ + b₁(2θ − 2θ_mid) on top of the SNIP-subtracted data, and
 * per peak the parameters 2θ₁, area A, w, η of a {@link PseudoVoigt}; every further emission line j adds
 * (Iⱼ/I₁)·A·pV(2θ − 2θⱼ), with 2θⱼ = 2 asin[(λⱼ/λ₁) sin θ₁] and the same w and η. The covariance is
 * (JᵀWJ)⁻¹ · χ²/(n − p), computed with column scaling for conditioning. A peak whose area is not significant
 * (A &lt; 3 u(A)), or that the fit pushes to zero width or out of its window, is dropped and its window refitted.
 */
final class PeakFitter {

    private static final int BACKGROUND_PARAMETERS = 2;
    private static final int PEAK_PARAMETERS = 4;
    private static final int MAX_EVALUATIONS = 20_000;
    private static final int MAX_ITERATIONS = 2_000;

    private final double[] x;
    private final double[] net;
    private final double[] raw;
    private final XrdOptions options;
    private final double step;
    private final double[] ratios;
    private final double[] weights;
    private final List<String> notes;
    private final FitWeighting weighting;

    PeakFitter(double[] x, double[] net, double[] raw, XrdOptions options, FitWeighting weighting, List<String> notes) {
        this.weighting = weighting;
        this.x = x;
        this.net = net;
        this.raw = raw;
        this.options = options;
        this.notes = notes;
        this.step = (x[x.length - 1] - x[0]) / (x.length - 1);
        Radiation radiation = options.radiation();
        List<EmissionLine> lines = radiation.lines();
        this.ratios = new double[lines.size()];
        this.weights = new double[lines.size()];
        for (int j = 0; j < lines.size(); j++) {
            ratios[j] = lines.get(j).wavelengthA() / lines.get(0).wavelengthA();
            weights[j] = lines.get(j).relativeWeight() / lines.get(0).relativeWeight();
        }
    }

    /** Fits all candidates, returning the peaks sorted by 2θ. */
    List<FittedPeak> fit(List<PeakFinder.Candidate> candidates) {
        List<List<PeakFinder.Candidate>> clusters = clusters(candidates);
        List<FittedPeak> peaks = new ArrayList<>();
        for (List<PeakFinder.Candidate> cluster : clusters) {
            peaks.addAll(fitCluster(new ArrayList<>(cluster)));
        }
        peaks.sort(Comparator.comparingDouble(FittedPeak::twoThetaDeg));
        return peaks;
    }

    private double lowerEdge(PeakFinder.Candidate c) {
        return c.twoThetaDeg() - options.fitWindowFwhm() * c.fwhmDeg();
    }

    private double upperEdge(PeakFinder.Candidate c) {
        double top = c.twoThetaDeg();
        for (int j = 1; j < ratios.length; j++) {
            double at = PeakFinder.satellitePosition(c.twoThetaDeg(), ratios[j]);
            if (!Double.isNaN(at)) {
                top = Math.max(top, at);
            }
        }
        return top + options.fitWindowFwhm() * c.fwhmDeg();
    }

    private List<List<PeakFinder.Candidate>> clusters(List<PeakFinder.Candidate> candidates) {
        List<PeakFinder.Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(PeakFinder.Candidate::twoThetaDeg));
        List<List<PeakFinder.Candidate>> clusters = new ArrayList<>();
        List<PeakFinder.Candidate> current = new ArrayList<>();
        double reach = Double.NEGATIVE_INFINITY;
        for (PeakFinder.Candidate c : sorted) {
            if (!current.isEmpty() && lowerEdge(c) > reach) {
                clusters.add(current);
                current = new ArrayList<>();
                reach = Double.NEGATIVE_INFINITY;
            }
            current.add(c);
            reach = Math.max(reach, upperEdge(c));
        }
        if (!current.isEmpty()) {
            clusters.add(current);
        }
        return clusters;
    }

    private List<FittedPeak> fitCluster(List<PeakFinder.Candidate> cluster) {
        while (true) {
            Attempt attempt = attempt(cluster);
            if (attempt.rejected < 0) {
                return attempt.peaks;
            }
            PeakFinder.Candidate dropped = cluster.remove(attempt.rejected);
            notes.add(String.format(Locale.ROOT, "candidate peak at 2θ = %.3f° dropped: %s", dropped.twoThetaDeg(),
                    attempt.why));
            if (cluster.isEmpty()) {
                return List.of();
            }
        }
    }

    private record Attempt(List<FittedPeak> peaks, int rejected, String why) {
    }

    private Attempt attempt(List<PeakFinder.Candidate> cluster) {
        double lo = cluster.stream().mapToDouble(this::lowerEdge).min().orElseThrow();
        double hi = cluster.stream().mapToDouble(this::upperEdge).max().orElseThrow();
        int parameters = BACKGROUND_PARAMETERS + PEAK_PARAMETERS * cluster.size();
        int first = Math.max(0, lowerIndex(lo));
        int last = Math.min(x.length - 1, upperIndex(hi));
        while (last - first + 1 < parameters + 6 && (first > 0 || last < x.length - 1)) {
            first = Math.max(0, first - 1);
            last = Math.min(x.length - 1, last + 1);
        }
        int n = last - first + 1;
        if (n < parameters + 3) {
            throw new XrdAnalysisException(XrdAnalysisException.Reason.FIT_FAILED, String.format(Locale.ROOT,
                    "only %d points to fit %d parameters around 2θ = %.3f°", n, parameters,
                    cluster.get(0).twoThetaDeg()));
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] ws = new double[n];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            xs[i] = x[first + i];
            ys[i] = net[first + i];
            scale = Math.max(scale, Math.abs(ys[i]));
            ws[i] = weighting == FitWeighting.POISSON ? 1 / Math.max(raw[first + i], 1) : 1;
        }
        if (!(scale > 0)) {
            scale = 1;
        }
        for (int i = 0; i < n; i++) {
            ys[i] /= scale;
        }
        double mid = 0.5 * (xs[0] + xs[n - 1]);
        double lowEdge = xs[0];
        double highEdge = xs[n - 1];
        double maxWidth = highEdge - lowEdge;
        double minWidth = 0.25 * step;

        double[] start = new double[parameters];
        for (int k = 0; k < cluster.size(); k++) {
            PeakFinder.Candidate c = cluster.get(k);
            int b = BACKGROUND_PARAMETERS + PEAK_PARAMETERS * k;
            start[b] = c.twoThetaDeg();
            start[b + 2] = Math.min(Math.max(c.fwhmDeg() / (ratios.length > 1 ? 1.2 : 1.0), 2 * minWidth),
                    maxWidth);
            start[b + 3] = 0.5;
            start[b + 1] = Math.max(c.height() / scale, 1e-6) * start[b + 2] / PseudoVoigt.heightFactor(0.5);
        }
        MultivariateJacobianFunction model = point -> evaluate(point.toArray(), xs, mid);
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start)
                .model(model)
                .target(ys)
                .weight(new DiagonalMatrix(ws))
                .parameterValidator(p -> {
                    for (int k = 0; k < cluster.size(); k++) {
                        int b = BACKGROUND_PARAMETERS + PEAK_PARAMETERS * k;
                        p.setEntry(b, clamp(p.getEntry(b), lowEdge, highEdge));
                        p.setEntry(b + 1, Math.max(p.getEntry(b + 1), 0));
                        p.setEntry(b + 2, clamp(p.getEntry(b + 2), minWidth, maxWidth));
                        p.setEntry(b + 3, clamp(p.getEntry(b + 3), 0, 1));
                    }
                    return p;
                })
                .maxEvaluations(MAX_EVALUATIONS)
                .maxIterations(MAX_ITERATIONS)
                .lazyEvaluation(false)
                .build();
        LeastSquaresOptimizer.Optimum optimum;
        try {
            optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        } catch (MathIllegalStateException e) {
            throw new XrdAnalysisException(XrdAnalysisException.Reason.FIT_FAILED, String.format(Locale.ROOT,
                    "peak fit around 2θ = %.3f° did not converge: %s", cluster.get(0).twoThetaDeg(), e.getMessage()),
                    e);
        }
        double[] p = optimum.getPoint().toArray();
        double chi2 = optimum.getCost() * optimum.getCost();
        int dof = n - parameters;
        double residualVariance = chi2 / dof;

        // parameters the fit pushed to a bound are not determined: drop that peak and refit
        for (int k = 0; k < cluster.size(); k++) {
            int b = BACKGROUND_PARAMETERS + PEAK_PARAMETERS * k;
            if (p[b + 1] <= 0) {
                return new Attempt(List.of(), k, "fitted area is zero");
            }
            if (p[b + 2] <= minWidth * 1.0001) {
                return new Attempt(List.of(), k, "fitted width shrank below a quarter step (a spike, not a peak)");
            }
            if (p[b] <= lowEdge || p[b] >= highEdge) {
                return new Attempt(List.of(), k, "fitted position left the fit window");
            }
        }
        double[][] covariance;
        try {
            covariance = covariance(optimum.getJacobian(), residualVariance);
        } catch (SingularMatrixException e) {
            return new Attempt(List.of(), weakest(p, cluster.size()),
                    "its parameters are not determined by the data (singular fit covariance)");
        }
        for (int k = 0; k < cluster.size(); k++) {
            int b = BACKGROUND_PARAMETERS + PEAK_PARAMETERS * k;
            double uArea = Math.sqrt(covariance[b + 1][b + 1]);
            if (p[b + 1] < 3 * uArea) {
                return new Attempt(List.of(), k, String.format(Locale.ROOT, "area %.3g is below 3 u(A) = %.3g",
                        p[b + 1] * scale, 3 * uArea * scale));
            }
        }
        List<FittedPeak> peaks = new ArrayList<>();
        for (int k = 0; k < cluster.size(); k++) {
            peaks.add(peak(p, covariance, k, scale, cluster.size(), n, residualVariance * scale * scale));
        }
        return new Attempt(peaks, -1, null);
    }

    private FittedPeak peak(double[] p, double[][] c, int k, double scale, int inFit, int points, double reducedChi2) {
        int b = BACKGROUND_PARAMETERS + PEAK_PARAMETERS * k;
        double position = p[b];
        double area = p[b + 1] * scale;
        double width = p[b + 2];
        double eta = p[b + 3];
        double uPosition = Math.sqrt(c[b][b]);
        double uArea = Math.sqrt(c[b + 1][b + 1]) * scale;
        double uWidth = Math.sqrt(c[b + 2][b + 2]);
        double uEta = Math.sqrt(c[b + 3][b + 3]);
        double factor = PseudoVoigt.heightFactor(eta);
        double height = area * factor / width;
        // gradient of H = A h(η)/w with respect to the fitted (A/scale, w, η), then the covariance quadratic form
        double[] g = {scale * factor / width, -height / width, area * PseudoVoigt.heightFactorDerivative() / width};
        double varHeight = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                varHeight += g[i] * g[j] * c[b + 1 + i][b + 1 + j];
            }
        }
        double lambda = options.wavelengthA();
        double theta = Math.toRadians(position / 2);
        double d = lambda / (2 * Math.sin(theta));
        // d(d)/d(2θ in degrees) = −d cot θ · (π/360)
        double uD = d / Math.tan(theta) * Math.toRadians(uPosition) / 2;
        return new FittedPeak(position, uPosition, height, Math.sqrt(Math.max(varHeight, 0)), width, uWidth, eta,
                uEta, area, uArea, d, uD, ratios.length, inFit, points, reducedChi2);
    }

    private static int weakest(double[] p, int peaks) {
        int weakest = 0;
        for (int k = 1; k < peaks; k++) {
            if (p[BACKGROUND_PARAMETERS + PEAK_PARAMETERS * k + 1]
                    < p[BACKGROUND_PARAMETERS + PEAK_PARAMETERS * weakest + 1]) {
                weakest = k;
            }
        }
        return weakest;
    }

    /** (JᵀJ)⁻¹ · s² for the weighted Jacobian J, inverted after scaling every column to unit norm. */
    private static double[][] covariance(RealMatrix jacobian, double residualVariance) {
        int m = jacobian.getColumnDimension();
        double[] norms = new double[m];
        for (int j = 0; j < m; j++) {
            norms[j] = jacobian.getColumnVector(j).getNorm();
            if (!(norms[j] > 0)) {
                throw new SingularMatrixException();
            }
        }
        RealMatrix scaled = jacobian.copy();
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < scaled.getRowDimension(); i++) {
                scaled.setEntry(i, j, scaled.getEntry(i, j) / norms[j]);
            }
        }
        RealMatrix normal = scaled.transpose().multiply(scaled);
        RealMatrix inverse = new LUDecomposition(normal, 1e-13).getSolver().getInverse();
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                c[i][j] = inverse.getEntry(i, j) / (norms[i] * norms[j]) * residualVariance;
            }
            if (!(c[i][i] >= 0) || Double.isInfinite(c[i][i])) {
                throw new SingularMatrixException();
            }
        }
        return c;
    }

    private Pair<RealVector, RealMatrix> evaluate(double[] p, double[] xs, double mid) {
        int n = xs.length;
        int peaks = (p.length - BACKGROUND_PARAMETERS) / PEAK_PARAMETERS;
        double[] value = new double[n];
        double[][] jac = new double[n][p.length];
        double[] out = new double[5];
        for (int i = 0; i < n; i++) {
            double dx = xs[i] - mid;
            value[i] = p[0] + p[1] * dx;
            jac[i][0] = 1;
            jac[i][1] = dx;
            for (int k = 0; k < peaks; k++) {
                int b = BACKGROUND_PARAMETERS + PEAK_PARAMETERS * k;
                double theta = Math.toRadians(p[b] / 2);
                for (int j = 0; j < ratios.length; j++) {
                    double position;
                    double dPosition;
                    if (j == 0) {
                        position = p[b];
                        dPosition = 1;
                    } else {
                        double s = ratios[j] * Math.sin(theta);
                        if (s >= 1) {
                            continue;
                        }
                        position = 2 * Math.toDegrees(Math.asin(s));
                        dPosition = ratios[j] * Math.cos(theta) / Math.sqrt(1 - s * s);
                    }
                    PseudoVoigt.evaluate(xs[i], position, p[b + 1], p[b + 2], p[b + 3], out);
                    double w = weights[j];
                    value[i] += w * out[0];
                    jac[i][b] += w * out[1] * dPosition;
                    jac[i][b + 1] += w * out[2];
                    jac[i][b + 2] += w * out[3];
                    jac[i][b + 3] += w * out[4];
                }
            }
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jac, false));
    }

    private int lowerIndex(double value) {
        int i = Arrays.binarySearch(x, value);
        return i >= 0 ? i : -i - 1;
    }

    private int upperIndex(double value) {
        int i = Arrays.binarySearch(x, value);
        return i >= 0 ? i : -i - 2;
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }
}
