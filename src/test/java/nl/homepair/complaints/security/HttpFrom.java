package nl.homepair.complaints.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 from a chosen loopback address (127.0.0.2, 127.0.0.3, …), so that a test can
 * be two different clients of the running application. Java 17's HttpClient cannot bind a
 * local address; a plain socket can.
 */
final class HttpFrom {

    private final String localAddress;
    private final int port;

    record Answer(int status, Map<String, List<String>> headers, String body) {
        Optional<String> cookie(String name) {
            return headers.getOrDefault("set-cookie", List.of()).stream().filter(c -> c.startsWith(name + "="))
                    .map(c -> c.substring(name.length() + 1, c.contains(";") ? c.indexOf(';') : c.length())).findFirst();
        }
    }

    HttpFrom(String localAddress, int port) {
        this.localAddress = localAddress;
        this.port = port;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Answer get(String path, Map<String, String> headers) {
        return send("GET", path, headers, null);
    }

    Answer send(String method, String path, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                request.append("Content-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        return new Answer(status, headers, text.substring(end + 4));
    }

    /** A logged-in Tasklist/Cockpit/Admin session: its cookies and CSRF token, as a browser keeps them. */
    record WebappSession(HttpFrom client, int loginStatus, String session, String xsrf) {
        Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf);
            headers.put("X-XSRF-TOKEN", xsrf);
            return headers;
        }

        Answer get(String path) {
            return client.get(path, headers());
        }

        Answer send(String method, String path, String json) {
            Map<String, String> headers = headers();
            headers.put("Content-Type", "application/json");
            return client.send(method, path, headers, json == null ? null : utf8(json));
        }
    }

    /** Logs in to a Camunda web application as its login page does. */
    WebappSession login(String user, String password, String app) {
        Answer page = get("/camunda/app/" + app + "/default/", Map.of());
        WebappSession fresh = new WebappSession(this, 0, page.cookie("JSESSIONID").orElseThrow(), page.cookie("XSRF-TOKEN").orElseThrow());
        Map<String, String> headers = fresh.headers();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        Answer login = send("POST", "/camunda/api/admin/auth/user/default/login/" + app, headers, utf8(form));
        // the session id changes at login (session fixation), and with it the CSRF token, which the
        // web application's next request brings
        WebappSession loggedIn = new WebappSession(this, login.status(), login.cookie("JSESSIONID").orElse(fresh.session()),
                login.cookie("XSRF-TOKEN").orElse(fresh.xsrf()));
        Answer next = loggedIn.get("/camunda/api/admin/auth/user/default");
        return new WebappSession(this, login.status(), loggedIn.session(), next.cookie("XSRF-TOKEN").orElse(loggedIn.xsrf()));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
