package org.nanoos.labhub.connectors.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Quantum ESPRESSO {@code pw.x} run printed, read from its standard output ({@code pw.out}). Every
 * {@code !    total energy = … Ry} line is kept (one per ionic step in a relaxation); the Fermi energy
 * ({@code the Fermi energy is … ev}) for metals, or {@code highest occupied level (ev): …} /
 * {@code highest occupied, lowest unoccupied level (ev): … …} for insulators; whether the last SCF cycle converged
 * ({@code convergence has been achieved in N iterations} against {@code convergence NOT achieved after N iterations});
 * {@code JOB DONE.}; the {@code %%%%} error block. Note that pw.x prints {@code JOB DONE.} even after an SCF that did
 * not converge, so success is {@link #succeeded()}, not the presence of that line.
 *
 * @param version              {@code PWSCF v.6.7MaX}, or null
 * @param atoms                {@code number of atoms/cell}, or null
 * @param electrons            {@code number of electrons}, or null
 * @param totalEnergiesRy      every {@code !} total energy, in Ry, in output order
 * @param finalEnergyRy        the relaxation's {@code Final energy}, in Ry, or null
 * @param fermiEnergyEv        the Fermi energy, eV, or null
 * @param highestOccupiedEv    the highest occupied level, eV, or null
 * @param lowestUnoccupiedEv   the lowest unoccupied level, eV, or null
 * @param scfConverged         whether the last SCF cycle converged
 * @param scfIterations        iterations of the last SCF cycle, or null
 * @param relaxationConverged  for relaxations, whether BFGS converged; null for single-point runs
 * @param jobDone              whether {@code JOB DONE.} was printed
 * @param cpuSeconds           total CPU time ({@code PWSCF : … CPU}), or null
 * @param wallSeconds          total wall time ({@code PWSCF : … WALL}), or null
 * @param error                the error block's text ({@code Error in routine readpp (1): file … not found}), or null
 */
public record PwOutput(String version, Integer atoms, Double electrons, List<Double> totalEnergiesRy,
        Double finalEnergyRy, Double fermiEnergyEv, Double highestOccupiedEv, Double lowestUnoccupiedEv,
        boolean scfConverged, Integer scfIterations, Boolean relaxationConverged, boolean jobDone, Double cpuSeconds,
        Double wallSeconds, String error) {

    /** Rydberg in electronvolt (CODATA 2018: R∞hc = 13.605693122994 eV). */
    public static final double RY_IN_EV = 13.605693122994;

    private static final String NUM = "([-+]?\\d*\\.?\\d+(?:[EeDd][-+]?\\d+)?)";
    private static final Pattern VERSION = Pattern.compile("Program PWSCF (v\\.\\S+) starts");
    private static final Pattern ATOMS = Pattern.compile("number of atoms/cell\\s*=\\s*(\\d+)");
    private static final Pattern ELECTRONS = Pattern.compile("number of electrons\\s*=\\s*" + NUM);
    private static final Pattern TOTAL = Pattern.compile("^!\\s*total energy\\s*=\\s*" + NUM + "\\s*Ry");
    private static final Pattern FINAL = Pattern.compile("^\\s*Final (?:energy|enthalpy)\\s*=\\s*" + NUM + "\\s*Ry");
    private static final Pattern FERMI = Pattern.compile("the Fermi energy is\\s*" + NUM + "\\s*ev");
    private static final Pattern HOMO = Pattern.compile("highest occupied level \\(ev\\):\\s*" + NUM);
    private static final Pattern HOMO_LUMO = Pattern.compile("highest occupied, lowest unoccupied level \\(ev\\):\\s*"
            + NUM + "\\s+" + NUM);
    private static final Pattern CONVERGED = Pattern.compile("convergence has been achieved in\\s*(\\d+)\\s*iterations");
    private static final Pattern NOT_CONVERGED = Pattern.compile("convergence NOT achieved after\\s*(\\d+)\\s*iterations");
    private static final Pattern CLOCK = Pattern.compile("^\\s*PWSCF\\s*:\\s*(.+?)\\s*CPU\\s+(.+?)\\s*WALL");
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d*\\.?\\d+)s)?");

    /** The last {@code !} total energy (the final one of a relaxation), in Ry, or null when none was printed. */
    public Double totalEnergyRy() {
        return totalEnergiesRy.isEmpty() ? null : totalEnergiesRy.get(totalEnergiesRy.size() - 1);
    }

    /** Whether the run finished normally: no error, the last SCF converged, a total energy, {@code JOB DONE.}. */
    public boolean succeeded() {
        return error == null && scfConverged && totalEnergyRy() != null && jobDone
                && (relaxationConverged == null || relaxationConverged);
    }

    /** Reads {@code pw.x} standard output. */
    public static PwOutput parse(String text) {
        String version = null;
        Integer atoms = null;
        Double electrons = null;
        List<Double> energies = new ArrayList<>();
        Double finalEnergy = null;
        Double fermi = null;
        Double homo = null;
        Double lumo = null;
        boolean converged = false;
        Integer iterations = null;
        boolean relax = false;
        Boolean relaxConverged = null;
        boolean done = false;
        Double cpu = null;
        Double wall = null;
        StringBuilder error = null;
        boolean inError = false;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("%%%%")) {
                if (inError) {
                    inError = false;
                } else {
                    inError = true;
                    error = new StringBuilder();
                }
                continue;
            }
            if (inError) {
                if (!line.isEmpty()) {
                    error.append(error.length() == 0 ? "" : " ").append(line);
                }
                continue;
            }
            Matcher m;
            if (version == null && (m = VERSION.matcher(line)).find()) {
                version = m.group(1);
            } else if ((m = TOTAL.matcher(line)).find()) {
                energies.add(number(m.group(1)));
            } else if ((m = FINAL.matcher(line)).find()) {
                finalEnergy = number(m.group(1));
            } else if ((m = FERMI.matcher(line)).find()) {
                fermi = number(m.group(1));
            } else if ((m = HOMO_LUMO.matcher(line)).find()) {
                homo = number(m.group(1));
                lumo = number(m.group(2));
            } else if ((m = HOMO.matcher(line)).find()) {
                homo = number(m.group(1));
                lumo = null;
            } else if ((m = CONVERGED.matcher(line)).find()) {
                converged = true;
                iterations = Integer.parseInt(m.group(1));
            } else if ((m = NOT_CONVERGED.matcher(line)).find()) {
                converged = false;
                iterations = Integer.parseInt(m.group(1));
            } else if (atoms == null && (m = ATOMS.matcher(line)).find()) {
                atoms = Integer.parseInt(m.group(1));
            } else if (electrons == null && (m = ELECTRONS.matcher(line)).find()) {
                electrons = number(m.group(1));
            } else if ((m = CLOCK.matcher(raw)).find()) {
                cpu = seconds(m.group(1));
                wall = seconds(m.group(2));
            } else if (line.startsWith("number of bfgs steps") || line.contains("BFGS Geometry Optimization")) {
                relax = true;
            } else if (line.startsWith("bfgs converged")) {
                relax = true;
                relaxConverged = true;
            } else if (line.startsWith("The maximum number of steps has been reached")
                    || line.startsWith("bfgs failed")) {
                relax = true;
                relaxConverged = false;
            } else if (line.equals("JOB DONE.")) {
                done = true;
            }
        }
        if (relax && relaxConverged == null) {
            relaxConverged = false;
        }
        return new PwOutput(version, atoms, electrons, List.copyOf(energies), finalEnergy, fermi, homo, lumo,
                converged, iterations, relax ? relaxConverged : null, done, cpu, wall,
                error == null ? null : error.toString());
    }

    private static Double number(String s) {
        return Double.parseDouble(s.replace('d', 'e').replace('D', 'E'));
    }

    /** pw.x's clock formats: {@code 0.13s}, {@code 2m15.13s}, {@code 1h23m}, {@code 1d 2h 3m} (spaces dropped). */
    static Double seconds(String text) {
        String t = text.replace(" ", "");
        Matcher m = DURATION.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            return null;
        }
        double s = 0;
        s += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 86_400.0;
        s += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 3600.0;
        s += m.group(3) == null ? 0 : Long.parseLong(m.group(3)) * 60.0;
        s += m.group(4) == null ? 0 : Double.parseDouble(m.group(4));
        return s;
    }
}
