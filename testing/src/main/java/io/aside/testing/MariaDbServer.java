package io.aside.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A MariaDB server for tests. Each caller of {@link #freshDatabaseUrl()} gets an empty database of
 * its own, so test classes never see each other's rows.
 */
public final class MariaDbServer extends TestServer {
    private static final String ENV_URL = "ASIDE_TEST_DB_URL";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private MariaDbServer(String host, int port, String user, String password, ServerProcess process) {
        super(process, ENV_URL, Duration.ofSeconds(60));
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    static MariaDbServer provision() {
        String url = System.getenv(ENV_URL);
        if (url != null && !url.isBlank()) return fromUrl(url);
        return startOwned();
    }

    static MariaDbServer startOwned() {
        Path mariadbd = Binaries.require("mariadbd", "mariadb-server", ENV_URL);
        Path installDb = Binaries.require("mariadb-install-db", "mariadb-server", ENV_URL);
        Path dir = ServerProcess.tempFolder("aside-mariadb-");
        Path data = dir.resolve("data");
        String osUser = System.getProperty("user.name");
        // A tmpdir of its own: mariadbd deletes every #sql* file in its tmpdir when it starts, so
        // servers sharing /tmp (parallel builds, a dedicated server next to the shared one) break
        // each other's bootstrap ("Unknown table 'mysql.tmp_user_sys'") and on-disk temporary tables.
        copy(PristineData.folder(installDb, osUser), data);
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults", "--user=" + osUser,
                "--datadir=" + data, "--tmpdir=" + dir, "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"), "--skip-name-resolve", "--skip-log-bin",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                // throw-away data: trade durability for speed
                "--innodb-flush-log-at-trx-commit=0", "--innodb-buffer-pool-size=128M", "--innodb-log-file-size=48M",
                "--max-connections=500"));
        ServerProcess server = new ServerProcess("mariadb", command, dir);
        MariaDbServer db = new MariaDbServer("127.0.0.1", port, "root", "", server);
        db.start();
        return db;
    }

    /**
     * A data directory as mariadb-install-db leaves it, made once per JVM and never served from: each
     * server starts on a copy of its own, the files an install of its own would have made. An install
     * runs a bootstrap server to create the system tables, seconds on a busy 2-core machine; copying
     * its hundred-odd megabytes takes a fraction of a second, so a JVM that starts several servers
     * (the shared one, and one of its own for each fault test that stops the database) installs once.
     */
    private static final class PristineData {
        private static Path folder;

        static synchronized Path folder(Path installDb, String osUser) {
            if (folder == null) {
                Path dir = ServerProcess.tempFolder("aside-mariadb-pristine-");
                installDataDirectory(installDb, dir, dir.resolve("data"), osUser);
                folder = dir.resolve("data");
            }
            return folder;
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the MariaDB data directory " + from + " to " + to, e);
        }
    }

    /**
     * mariadb-install-db now and then dies (seen: signal 11 under heavy load); a data directory is
     * cheap to make again, so it gets three tries before the harness gives up.
     */
    private static void installDataDirectory(Path installDb, Path dir, Path data, String osUser) {
        for (int attempt = 1; ; attempt++) {
            try {
                ServerProcess.run(List.of(installDb.toString(), "--no-defaults", "--datadir=" + data, "--tmpdir=" + dir,
                        "--auth-root-authentication-method=normal", "--user=" + osUser, "--skip-test-db"),
                        dir.resolve("install-db.log"), Duration.ofSeconds(120));
                return;
            } catch (IllegalStateException failed) {
                if (attempt == 3) throw failed;
                ServerProcess.deleteQuietly(data);
            }
        }
    }

    private static MariaDbServer fromUrl(String url) {
        // jdbc:mysql://host:port[/...]; credentials come from ASIDE_TEST_DB_USER / ASIDE_TEST_DB_PASSWORD
        String rest = url.replaceFirst("^jdbc:(mysql|mariadb)://", "");
        String hostPort = rest.split("[/?]", 2)[0];
        String[] parts = hostPort.split(":");
        int port = parts.length > 1 ? Integer.parseInt(parts[1]) : 3306;
        return new MariaDbServer(parts[0], port, System.getenv().getOrDefault("ASIDE_TEST_DB_USER", "root"),
                System.getenv().getOrDefault("ASIDE_TEST_DB_PASSWORD", ""), null);
    }

    /** Creates an empty utf8mb4 database and returns its Connector/J URL. */
    public String freshDatabaseUrl() {
        String name = "aside_test_" + DATABASES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(serverUrl(), user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + serverUrl(), e);
        }
        return "jdbc:mysql://" + host + ":" + port + "/" + name;
    }

    /** The server without a database, as a Connector/J URL. */
    public String serverUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/";
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    boolean answers() {
        try (Connection c = DriverManager.getConnection(serverUrl() + "?connectTimeout=500", user, password)) {
            return c.isValid(1);
        } catch (SQLException notYet) {
            return false;
        }
    }
}
