package io.aside.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Some requests are refused by Jetty before Javalin sees them (an illegal path, a request line or
 * headers over Jetty's limits). Jetty would answer those with an HTML page; this answers with the
 * same problem document as every other error, and never with a stack trace.
 */
final class JettyProblemErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;

    JettyProblemErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowCauses(false);
    }

    /** Jetty writes an error body only for GET, POST and HEAD; a refused PUT or DELETE would get an empty 400. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String detail = code >= 500 ? "The server could not process the request" : "The request was refused: " + message;
        try {
            byte[] body = mapper.writeValueAsBytes(Problem.ofStatus(code, detail));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.PROBLEM_JSON);
            response.write(true, ByteBuffer.wrap(body), callback);
        } catch (JsonProcessingException e) {
            callback.failed(e);
        }
    }
}
