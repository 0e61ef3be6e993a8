package org.nanoos.labhub.hub.api;

/**
 * A request the API refuses, with the HTTP status and what was wrong; answered as {@code application/problem+json}
 * (RFC 9457) by {@link ProblemResponder}.
 */
public class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final String reason;

    public ApiProblem(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    /**
     * A problem with a machine-readable {@code reason} (e.g. the science's {@code NOT_ASCENDING}), answered as the
     * extension member {@code "reason"} of the problem document.
     */
    public ApiProblem(int status, String title, String detail, String reason) {
        super(detail);
        this.status = status;
        this.title = title;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The machine-readable reason, or {@code null}. */
    public String reason() {
        return reason;
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad request", detail);
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail);
    }

    static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail);
    }
}
