package nl.homepair.complaints.web;

import jakarta.servlet.http.HttpServletRequest;

/** The path a request reaches inside the application, as filters must judge it. */
public final class RequestPaths {

    private RequestPaths() {
    }

    /**
     * The path the container maps (servlet path and path info: decoded, dot segments resolved), without path
     * parameters ({@code ;jsessionid=…}) and doubled slashes: {@code /camunda/../klacht} is the web form, not the
     * web applications; the raw request URI would say otherwise.
     */
    public static String mapped(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.replaceAll(";[^/]*", "").replaceAll("/{2,}", "/");
    }
}
