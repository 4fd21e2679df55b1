package io.aside.web;

import io.javalin.http.Context;

/**
 * Javalin routes a request by its X-HTTP-Method-Override header when one is present. Honouring it
 * would let a GET, which every proxy and cache treats as safe, delete or overwrite a model; no
 * client of this API needs it, so a request carrying it is refused before any route runs.
 */
final class MethodOverrideGuard {
    static final String HEADER = "X-HTTP-Method-Override";

    private MethodOverrideGuard() {}

    static void refuse(Context ctx) {
        if (ctx.req().getHeader(HEADER) != null) {
            throw new ProblemException(Problem.ofStatus(400, HEADER + " is not supported; send the real method"));
        }
    }
}
