package io.aside.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), so each call sends a 40-byte digest instead of
 * the source. The digest is computed here rather than with {@code SCRIPT LOAD}: building a cache
 * must not need a reachable Redis (reads fail open), and Redis forgets scripts on restart or
 * {@code SCRIPT FLUSH} anyway. On {@code NOSCRIPT} the call falls back to {@code EVAL}, which also
 * puts the script back into Redis's script cache for the next EVALSHA.
 */
final class LuaScript {
    private final String source;
    private final String sha1;

    LuaScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException notLoaded) {
            return redis.eval(source, keys, args);
        }
    }

    String sha1() {
        return sha1;
    }

    private static String sha1(String source) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
