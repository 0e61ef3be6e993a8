package org.nanoos.labhub.connectors.slurm;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The part of a cluster's execution profile that shapes scripts: environment modules every job loads before the
 * template's own, and the launcher put in front of parallel programs.
 *
 * @param modules  module names for {@code module load}, each 1–128 of {@code A-Z a-z 0-9 _ . / + -}, not starting with
 *                 {@code -}, {@code .} or {@code /} and without {@code ..} (e.g. {@code gcc/12.2.0},
 *                 {@code openmpi/4.1.5}); at most {@value #MAX_MODULES}
 * @param launcher the launcher as words, e.g. {@code [srun]}, {@code [srun, --mpi=pmix]},
 *                 {@code [mpirun, -np, 4]}, or empty to run programs directly; the first word a plain name or
 *                 path (not starting with {@code -} or {@code .}, no {@code ..}), the others 1–128 of {@code A-Z a-z 0-9 _ . / + = : , @ % -} without {@code ..}; at most {@value #MAX_WORDS}
 */
public record ScriptProfile(List<String> modules, List<String> launcher) {

    /** Most modules. */
    public static final int MAX_MODULES = 32;
    /** Most launcher words. */
    public static final int MAX_WORDS = 16;

    /** Module names as Lmod and Environment Modules write them. */
    public static final Pattern MODULE = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_+][A-Za-z0-9_./+-]{0,127}");
    private static final Pattern PROGRAM = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_/+][A-Za-z0-9_./+-]{0,127}");
    private static final Pattern WORD = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_./+=:,@%-]{1,128}");

    public ScriptProfile {
        if (modules == null || launcher == null) {
            throw new SlurmValidationException(modules == null ? "modules" : "launcher", "missing; use an empty list");
        }
        if (modules.size() > MAX_MODULES) {
            throw new SlurmValidationException("modules", "more than " + MAX_MODULES + " modules");
        }
        if (launcher.size() > MAX_WORDS) {
            throw new SlurmValidationException("launcher", "more than " + MAX_WORDS + " words");
        }
        for (int i = 0; i < modules.size(); i++) {
            Allowlist.require("modules[" + i + "]", modules.get(i), MODULE, 128,
                    "a module name of A-Z a-z 0-9 _ . / + - (not starting with -), e.g. openmpi/4.1.5");
        }
        for (int i = 0; i < launcher.size(); i++) {
            Allowlist.require("launcher[" + i + "]", launcher.get(i), i == 0 ? PROGRAM : WORD, 128, i == 0
                    ? "a program name or path (A-Z a-z 0-9 _ . / + -, not starting with -), e.g. srun"
                    : "an option word of A-Z a-z 0-9 _ . / + = : , @ % -, e.g. --mpi=pmix");
        }
        modules = List.copyOf(modules);
        launcher = List.copyOf(launcher);
    }

    /** No modules; parallel programs started with {@code srun}. */
    public static ScriptProfile srun() {
        return new ScriptProfile(List.of(), List.of("srun"));
    }

    /** No modules and no launcher: programs run directly (the local execution profile, tests). */
    public static ScriptProfile direct() {
        return new ScriptProfile(List.of(), List.of());
    }
}
