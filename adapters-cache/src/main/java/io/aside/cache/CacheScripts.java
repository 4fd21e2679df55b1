package io.aside.cache;

/**
 * Every step of the cache protocol (DESIGN §3) as one Lua script, so each is atomic in Redis even
 * with many service instances sharing it. Values carry a one-byte tag ({@link StoredValue}).
 * All keys of one script must live on one server: this is written for a standalone Redis.
 */
final class CacheScripts {
    private CacheScripts() {}

    /**
     * The generation a category starts from when its key is missing: Redis's clock in microseconds
     * (built as a string: Lua numbers are doubles and print 16 digits in exponent notation).
     * Starting from the clock, not from 0, matters: if Redis loses the key (eviction under
     * maxmemory, a restart without persistence) while pages of the old generation survive (or come
     * back from a replica or an AOF), restarting at 0 would make those old pages current again. The
     * clock has moved on by far more microseconds than any category has been bumped, so a new life
     * of the key never reuses a number of an old one.
     */
    private static final String CLOCK_MICROS =
            "local now = redis.call('TIME')\n"
            + "local clock = now[1] .. string.format('%06d', tonumber(now[2]))\n";

    /**
     * KEYS[1] entry; ARGV[1] our lease marker, ARGV[2] lease TTL in ms. On a miss, takes the lease
     * in the same step, so exactly one of many concurrent readers wins it. Returns what the key
     * holds afterwards: a value, a tombstone, someone's lease, or ours.
     */
    static final LuaScript LOOKUP = new LuaScript("""
            local current = redis.call('GET', KEYS[1])
            if current then return current end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return ARGV[1]
            """);

    /**
     * KEYS[1] entry; ARGV[1] our lease marker, ARGV[2] what to store, ARGV[3] TTL in ms. Stores only
     * if our lease still holds the key: an invalidation in between deleted it, and then the value we
     * loaded may be stale, so it must not be set. Returns 1 when stored.
     */
    static final LuaScript FILL = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0
            """);

    /** KEYS[1] entry; ARGV[1] the exact content expected. Deletes only that content (a lease we hold). */
    static final LuaScript DELETE_IF_HOLDS = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    /** KEYS[1] generation key. Returns its value, initialising a missing key from the clock. */
    static final LuaScript GENERATION = new LuaScript("""
            local current = redis.call('GET', KEYS[1])
            if current then return current end
            """ + CLOCK_MICROS + """
            redis.call('SET', KEYS[1], clock, 'NX')
            return clock
            """);

    /**
     * KEYS[1..n] model entries, KEYS[n+1..] generation keys; ARGV[1] n. Deletes the entries (and
     * with them any lease, which refuses the racing fill) and moves each category to a new
     * generation; one script so that a write's invalidation is all-or-nothing.
     */
    static final LuaScript INVALIDATE = new LuaScript("""
            local models = tonumber(ARGV[1])
            for i = 1, models do redis.call('DEL', KEYS[i]) end
            for i = models + 1, #KEYS do
              if redis.call('EXISTS', KEYS[i]) == 0 then
            """ + CLOCK_MICROS + """
                redis.call('SET', KEYS[i], clock)
              end
              redis.call('INCR', KEYS[i])
            end
            return #KEYS
            """);
}
