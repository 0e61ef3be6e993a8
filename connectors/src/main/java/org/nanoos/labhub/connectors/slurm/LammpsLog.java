package org.nanoos.labhub.connectors.slurm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thermodynamic output of a LAMMPS log ({@code log.lammps}): one table per {@code run} or {@code minimize}, from
 * its header line ({@code Step Temp E_pair E_mol TotEng Press}, whatever {@code thermo_style} chose) to
 * {@code Loop time of … on P procs for N steps with A atoms}. A table without its {@code Loop time} line (the job was
 * killed at its time limit, or LAMMPS stopped with an {@code ERROR}) is kept with the rows it has and
 * {@code complete == false}. {@code WARNING} lines inside a table are skipped. {@code thermo_style multi} and
 * {@code yaml} blocks are not tables and are not read.
 *
 * @param version       {@code LAMMPS (29 Sep 2021 - Update 2)} as printed, or null
 * @param runs          the tables, in log order
 * @param error         the {@code ERROR:} line, or null
 * @param wallSeconds   {@code Total wall time}, or null (missing when the run did not end)
 */
public record LammpsLog(String version, List<ThermoTable> runs, String error, Long wallSeconds) {

    private static final Pattern LOOP = Pattern.compile("^Loop time of\\s+(\\S+)\\s+on\\s+(\\d+)\\s+procs for\\s+(\\d+)"
            + "\\s+steps with\\s+(\\d+)\\s+atoms");
    private static final Pattern WALL = Pattern.compile("^Total wall time:\\s*(\\d+):(\\d{2}):(\\d{2})");

    public LammpsLog {
        runs = List.copyOf(runs);
    }

    /** Whether LAMMPS finished: every table complete, no error, a total wall time. */
    public boolean succeeded() {
        return error == null && wallSeconds != null && !runs.isEmpty() && runs.stream().allMatch(ThermoTable::complete);
    }

    /**
     * One thermo table.
     *
     * @param columns      the header's keywords, as printed
     * @param rows         the values, one array per output step, each as long as {@code columns}
     * @param complete     whether the table ended with its {@code Loop time} line
     * @param loopSeconds  the loop time, or null
     * @param procs        MPI processes, or null
     * @param steps        steps run, or null
     * @param atoms        atoms, or null
     */
    public record ThermoTable(List<String> columns, List<double[]> rows, boolean complete, Double loopSeconds,
            Integer procs, Long steps, Long atoms) {

        public ThermoTable {
            columns = List.copyOf(columns);
            rows = rows.stream().map(double[]::clone).toList();
        }

        /** The values of one column (by its header keyword, e.g. {@code TotEng}), or an exception naming it. */
        public double[] column(String name) {
            int i = columns.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no column '" + name + "' in " + columns);
            }
            return rows.stream().mapToDouble(r -> r[i]).toArray();
        }

        /** The last row's value of a column. */
        public double last(String name) {
            double[] c = column(name);
            if (c.length == 0) {
                throw new IllegalStateException("the table has no rows");
            }
            return c[c.length - 1];
        }
    }

    /** Reads a LAMMPS log. */
    public static LammpsLog parse(String text) {
        String[] lines = text.split("\\R");
        String version = null;
        String error = null;
        Long wall = null;
        List<ThermoTable> runs = new ArrayList<>();
        boolean expectHeader = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (version == null && line.startsWith("LAMMPS (")) {
                version = line;
            }
            if (line.startsWith("ERROR")) {
                error = line;
            }
            Matcher w = WALL.matcher(line);
            if (w.find()) {
                wall = Long.parseLong(w.group(1)) * 3600 + Long.parseLong(w.group(2)) * 60 + Long.parseLong(w.group(3));
            }
            if (line.startsWith("Per MPI rank memory allocation")) {
                expectHeader = true;
                continue;
            }
            boolean header = false;
            if (expectHeader && !line.isEmpty() && !line.startsWith("WARNING")) {
                expectHeader = false;
                header = looksLikeHeader(line);
            } else if (line.startsWith("Step ") && i + 1 < lines.length && numbers(lines[i + 1].strip()) != null) {
                header = true;
            }
            if (!header) {
                continue;
            }
            List<String> columns = Arrays.asList(line.split("\\s+"));
            List<double[]> rows = new ArrayList<>();
            boolean complete = false;
            Double loop = null;
            Integer procs = null;
            Long steps = null;
            Long atoms = null;
            int j = i + 1;
            for (; j < lines.length; j++) {
                String row = lines[j].strip();
                if (row.startsWith("WARNING")) {
                    continue;
                }
                Matcher l = LOOP.matcher(row);
                if (l.find()) {
                    complete = true;
                    loop = parseDouble(l.group(1));
                    procs = Integer.parseInt(l.group(2));
                    steps = Long.parseLong(l.group(3));
                    atoms = Long.parseLong(l.group(4));
                    break;
                }
                double[] values = numbers(row);
                if (values == null || values.length != columns.size()) {
                    break;
                }
                rows.add(values);
            }
            runs.add(new ThermoTable(columns, rows, complete, loop, procs, steps, atoms));
            i = complete ? j : j - 1;
        }
        return new LammpsLog(version, runs, error, wall);
    }

    private static boolean looksLikeHeader(String line) {
        String[] words = line.split("\\s+");
        if (words.length == 0 || line.startsWith("-") || line.startsWith("---")) {
            return false;
        }
        for (String w : words) {
            if (parseDouble(w) != null || !w.matches("[A-Za-z_][A-Za-z0-9_\\[\\]/.:-]*")) {
                return false;
            }
        }
        return true;
    }

    /** The numbers of a row, or null when any word is not a number. */
    private static double[] numbers(String line) {
        if (line.isEmpty()) {
            return null;
        }
        String[] words = line.split("\\s+");
        double[] out = new double[words.length];
        for (int k = 0; k < words.length; k++) {
            Double d = parseDouble(words[k]);
            if (d == null) {
                return null;
            }
            out[k] = d;
        }
        return out;
    }

    private static Double parseDouble(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        switch (w) {
            case "nan", "-nan", "+nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                if (!w.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)(e[-+]?\\d+)?")) {
                    return null;
                }
                return Double.parseDouble(w);
            }
        }
    }
}
