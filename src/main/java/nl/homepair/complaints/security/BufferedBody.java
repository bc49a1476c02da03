package nl.homepair.complaints.security;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small request body read by one of our filters and handed on unread to Camunda: if a
 * filter asks the servlet container for the parameters or reads the stream, Camunda's
 * JAX-RS resources find the body consumed. Only the first {@code maxBytes} are kept; a
 * body that is longer is no login form or password confirmation, and {@link #complete()}
 * says so.
 */
class BufferedBody extends HttpServletRequestWrapper {

    private final byte[] body;
    private final boolean complete;
    /** What the next filters read: the body as it came, unless a subclass hands on another. */
    private byte[] served;

    BufferedBody(HttpServletRequest request, int maxBytes) throws IOException {
        super(request);
        byte[] read = request.getInputStream().readNBytes(maxBytes + 1);
        complete = read.length <= maxBytes;
        body = complete ? read : Arrays.copyOf(read, maxBytes);
        served = body;
    }

    /** Hands {@code bytes} on instead of the body that came. */
    protected void serve(byte[] bytes) {
        served = bytes;
    }

    /** The body as read (at most the maximum). */
    byte[] body() {
        return body;
    }

    /** Whether the whole body was read, i.e. it was not longer than the maximum. */
    boolean complete() {
        return complete;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(served);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("a buffered body is read synchronously");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
}
