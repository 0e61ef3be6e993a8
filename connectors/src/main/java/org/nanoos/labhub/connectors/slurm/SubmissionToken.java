package org.nanoos.labhub.connectors.slurm;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The per-job submission token: made before the first {@code sbatch}, stored with the job, written into the script as
 * {@code #SBATCH --comment=labhub:TOKEN}. When an {@code sbatch} reply is lost (SSH dropped, {@code Socket timed out}),
 * the hub looks the token up ({@link SubmissionLookup}) before submitting again, so a retry finds the job instead of
 * running it twice.
 *
 * @param value 8–64 of {@code A-Z a-z 0-9 _ -}, without the words {@code hetjob} and {@code packjob}
 */
public record SubmissionToken(String value) {

    /** What precedes the token in the job's comment. */
    public static final String COMMENT_PREFIX = "labhub:";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public SubmissionToken {
        Allowlist.require("token", value, TOKEN, 64, "8–64 of A-Z a-z 0-9 _ -");
        JobResources.requireNoHetJobWord("token", value);
    }

    /** A fresh token: 26 base-32 characters, 130 random bits. */
    public static SubmissionToken random() {
        while (true) {
            char[] chars = new char[26];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
            }
            String value = new String(chars);
            // the words sbatch reads as a heterogeneous-job separator could come up by chance (about 1 in 10^7)
            if (!value.contains("hetjob") && !value.contains("packjob")) {
                return new SubmissionToken(value);
            }
        }
    }

    /** The job comment that carries this token: {@code labhub:TOKEN}. */
    public String comment() {
        return COMMENT_PREFIX + value;
    }

    /**
     * The token in a job comment as SLURM prints it back ({@code squeue %k}, {@code sacct Comment},
     * {@code scontrol Comment=}), or empty when the comment is not one of ours.
     */
    public static Optional<SubmissionToken> fromComment(String comment) {
        if (comment == null) {
            return Optional.empty();
        }
        String c = comment.strip();
        if (!c.startsWith(COMMENT_PREFIX)) {
            return Optional.empty();
        }
        String v = c.substring(COMMENT_PREFIX.length());
        return TOKEN.matcher(v).matches() ? Optional.of(new SubmissionToken(v)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
