package org.nanoos.labhub.simulator.cvdtool;

import java.time.Instant;
import org.nanoos.labhub.simulator.FilmResults;
import org.nanoos.labhub.simulator.RunState;

/**
 * Where one run of the {@link CommandedCvdReactor} stands: a snapshot, as {@code GET /api/runs/<id>} shows it.
 *
 * @param id        the tool's own run id, {@code <instrument>-<session>-<n>}
 * @param run       the hub's run id given with the request
 * @param state     where it stands
 * @param progress  0 to 1: simulated time since the start over the recipe's run time (pump-down to unload); 1 once
 *                  done
 * @param startedAt wall-clock start
 * @param endedAt   wall-clock end, or null while running
 * @param results   the film as published on {@code lab/<id>/film/...}, once done; otherwise null
 * @param message   why it was aborted or failed; otherwise null
 * @param request   the recipe and speed-up it runs with, defaults filled in
 */
public record CvdRunStatus(String id, String run, RunState state, double progress, Instant startedAt,
                           Instant endedAt, FilmResults results, String message, CvdRunRequest request) {
}
