package io.aside.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client over a bare socket, for requests that java.net.URI and HttpClient refuse to
 * build: invalid UTF-8 bodies, {@code %00} in a path, repeated or conflicting headers, no Host. It
 * writes exactly the bytes it is given and reads one {@code Connection: close} response, answered as
 * the same {@link HttpReply} as {@link ApiClient}'s. Shared by the web adapter's tests and the
 * end-to-end tests.
 *
 * <p>The request is written on a thread of its own while the response is read, so that a server
 * refusing a large body early (413) is heard even though it stops reading the body.
 */
public final class RawHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int CHUNK_BYTES = 8 * 1024;

    private RawHttp() {}

    /**
     * What to send. {@code Host: localhost}, {@code Connection: close} and, for a body, its framing
     * ({@code Content-Length}, or chunks when a {@code Transfer-Encoding: chunked} header is given) are
     * added unless the caller's header lines already frame it or {@code withHost} is false.
     */
    public record Request(String method, String target, List<String> headers, byte[] body, boolean withHost) {
        public Request {
            headers = List.copyOf(headers);
            body = body == null ? null : body.clone();
        }

        public static Request of(String method, String target, List<String> headers, byte[] body) {
            return new Request(method, target, headers, body, true);
        }

        public Request withoutHost() {
            return new Request(method, target, headers, body, false);
        }

        byte[] toBytes() {
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            if (withHost) head.append("Host: localhost\r\n");
            head.append("Connection: close\r\n");
            headers.forEach(line -> head.append(line).append("\r\n"));
            boolean chunked = hasHeader("Transfer-Encoding");
            if (body != null && !chunked && !hasHeader("Content-Length")) head.append("Content-Length: ").append(body.length).append("\r\n");
            head.append("\r\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) out.writeBytes(chunked ? chunks(body) : body);
            return out.toByteArray();
        }

        private boolean hasHeader(String name) {
            return headers.stream().anyMatch(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1));
        }

        private static byte[] chunks(byte[] body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int at = 0; at < body.length; at += CHUNK_BYTES) {
                int length = Math.min(CHUNK_BYTES, body.length - at);
                out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, length);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return method + " " + target + " " + headers + (body == null ? "" : " (" + body.length + " body bytes)");
        }
    }

    /** Sends {@code request} exactly as written (ISO-8859-1 bytes), framing and all. */
    public static HttpReply send(int port, String request) {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), request);
    }

    public static HttpReply send(int port, Request request) {
        return send(port, request.toBytes(), request);
    }

    private static HttpReply send(int port, byte[] bytes, Object request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            Thread writer = new Thread(() -> write(socket, bytes), "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            HttpReply response = read(new BufferedInputStream(socket.getInputStream()));
            socket.close(); // unblocks a writer the server stopped reading from
            writer.join(TIMEOUT.toMillis());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("no HTTP response to " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A server may answer and close before reading everything (413, 431): then the rest is not needed. */
    private static void write(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException refusedEarly) {
            // the response, read on the other thread, says why
        }
    }

    private static HttpReply read(InputStream in) throws IOException {
        String head = new String(readHead(in), StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) throw new IOException("not an HTTP response: " + lines[0]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) throw new IOException("malformed header line: " + lines[i]);
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        int status = Integer.parseInt(statusLine[1]);
        return new HttpReply(status, headers, readBody(in, headers));
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed after " + head.size() + " bytes of response head");
            if (head.size() >= MAX_HEAD_BYTES) throw new IOException("response head over " + MAX_HEAD_BYTES + " bytes");
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        byte[] bytes = head.toByteArray();
        return Arrays.copyOf(bytes, bytes.length - 4);
    }

    private static byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException {
        List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
        if (encoding.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("chunked"))) return readChunks(in);
        List<String> length = headers.getOrDefault("content-length", List.of());
        if (!length.isEmpty()) {
            int expected = Integer.parseInt(length.get(0));
            byte[] body = in.readNBytes(expected);
            if (body.length != expected) throw new IOException("response body ended after " + body.length + " of " + expected + " bytes");
            return body;
        }
        return in.readAllBytes(); // Connection: close delimits it
    }

    private static byte[] readChunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers are ignored
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) throw new IOException("response chunk cut short");
            body.writeBytes(chunk);
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) throw new IOException("response cut short");
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
