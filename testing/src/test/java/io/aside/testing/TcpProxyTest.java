package io.aside.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {
    private static final Duration AWAIT = Duration.ofSeconds(5);

    private final List<Socket> clients = new ArrayList<>();
    private EchoServer echo;
    private TcpProxy proxy;

    @BeforeEach
    void startEchoBehindProxy() throws IOException {
        echo = EchoServer.start();
        proxy = TcpProxy.start("127.0.0.1", echo.port());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (Socket client : clients) client.close();
        proxy.close();
        echo.close();
    }

    @Test
    void givenProxy_whenBytesSentBothWays_thenTheyArriveUnchanged() throws Exception {
        Socket client = connect();
        assertThat(roundTrip(client, "hello")).isEqualTo("hello");

        byte[] payload = new byte[4 * 1024 * 1024];
        new Random(42).nextBytes(payload);
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> write(client, payload));
        byte[] echoed = client.getInputStream().readNBytes(payload.length);
        sent.get(5, TimeUnit.SECONDS);

        assertThat(proxy.host()).isEqualTo("127.0.0.1");
        assertThat(Arrays.mismatch(echoed, payload)).as("first differing byte of the reply").isEqualTo(-1);
        byte[] atTarget = echo.received();
        assertThat(Arrays.mismatch(atTarget, 5, atTarget.length, payload, 0, payload.length)).as("first differing byte at the target").isEqualTo(-1);
        assertThat(proxy.openConnections()).isEqualTo(1);
    }

    @Test
    void givenClientCloses_whenTargetClosesToo_thenConnectionIsNoLongerCounted() throws Exception {
        Socket client = connect();
        assertThat(roundTrip(client, "bye")).isEqualTo("bye");

        client.shutdownOutput();

        assertThat(client.getInputStream().read()).as("orderly end relayed from the target").isEqualTo(-1);
        await().atMost(AWAIT).until(() -> proxy.openConnections() == 0 && echo.openConnections() == 0);
    }

    @Test
    void givenReplyDelay_whenRoundTrips_thenEachTakesAtLeastTheDelayInOrder() throws Exception {
        Duration delay = Duration.ofMillis(200);
        Socket openBefore = connect();
        assertThat(roundTrip(openBefore, "warm")).isEqualTo("warm");

        proxy.delayReplies(delay);

        assertThat(timedRoundTrip(openBefore, "slow")).isGreaterThanOrEqualTo(delay);
        Socket openAfter = connect();
        long start = System.nanoTime();
        write(openAfter, "a".getBytes(US_ASCII));
        write(openAfter, "b".getBytes(US_ASCII));
        write(openAfter, "c".getBytes(US_ASCII));
        assertThat(read(openAfter, 3)).isEqualTo("abc");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);

        proxy.delayReplies(Duration.ZERO);
        assertThat(roundTrip(openAfter, "fast")).isEqualTo("fast");
    }

    @Test
    void givenFrozen_whenBytesSentBothWaysAndNewConnectionOpened_thenAllHeldUntilThawThenDeliveredInOrder() throws Exception {
        Socket client = connect();
        assertThat(roundTrip(client, "warm")).isEqualTo("warm");

        proxy.freeze();
        echo.push("pushed-".getBytes(US_ASCII));
        for (String part : List.of("one-", "two-", "three")) write(client, part.getBytes(US_ASCII));
        Socket held = connect();
        write(held, "four".getBytes(US_ASCII));

        await().atMost(AWAIT).until(() -> proxy.openConnections() == 2);
        assertNothingArrivesWithin(client, Duration.ofMillis(300));
        assertThat(new String(echo.received(), US_ASCII)).isEqualTo("warm");
        assertThat(echo.accepted()).as("connections through to the target").isEqualTo(1);

        proxy.thaw();

        assertThat(read(client, "pushed-one-two-three".length())).isEqualTo("pushed-one-two-three");
        assertThat(read(held, 4)).isEqualTo("four");
        assertThat(echo.accepted()).isEqualTo(2);
    }

    @Test
    void givenOpenConnections_whenCutAll_thenBothSidesResetAndNewConnectionsStillWork() throws Exception {
        Socket first = connect();
        Socket second = connect();
        assertThat(roundTrip(first, "1")).isEqualTo("1");
        assertThat(roundTrip(second, "2")).isEqualTo("2");
        assertThat(proxy.openConnections()).isEqualTo(2);

        proxy.cutAll();

        assertThat(proxy.openConnections()).isZero();
        assertThatThrownBy(() -> first.getInputStream().read()).isInstanceOf(SocketException.class);
        assertThatThrownBy(() -> second.getInputStream().read()).isInstanceOf(SocketException.class);
        await().atMost(AWAIT).until(() -> echo.openConnections() == 0);
        Socket next = connect();
        assertThat(roundTrip(next, "again")).isEqualTo("again");
        assertThat(proxy.openConnections()).isEqualTo(1);
    }

    @Test
    void givenRefuseNew_whenConnecting_thenClosedAtOnceWhileOpenOnesKeepWorking() throws Exception {
        Socket open = connect();
        assertThat(roundTrip(open, "before")).isEqualTo("before");

        proxy.refuseNew(true);

        assertClosedWithoutAByte(connect());
        assertThat(roundTrip(open, "still")).isEqualTo("still");
        assertThat(echo.accepted()).isEqualTo(1);
        assertThat(proxy.openConnections()).isEqualTo(1);

        proxy.refuseNew(false);
        assertThat(roundTrip(connect(), "after")).isEqualTo("after");
    }

    @Test
    void givenCommitTrap_whenClientSendsCommit_thenTargetGetsItButClientGetsResetWithoutAReplyByte() throws Exception {
        CompletableFuture<Void> fired = proxy.cutAfterClientSends(TcpProxy.mysqlQuery("commit"));
        Socket client = connect();
        byte[] setAutocommit = comQuery("SET autocommit=0");
        write(client, setAutocommit);
        assertThat(client.getInputStream().readNBytes(setAutocommit.length)).isEqualTo(setAutocommit);
        assertThat(fired).isNotDone();

        byte[] commit = comQuery("COMMIT");
        write(client, commit);

        fired.get(5, TimeUnit.SECONDS);
        byte[] atTarget = echo.received();
        assertThat(Arrays.copyOfRange(atTarget, atTarget.length - commit.length, atTarget.length)).isEqualTo(commit);
        assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketException.class);
        assertThat(proxy.openConnections()).isZero();

        Socket next = connect();
        write(next, commit);
        assertThat(next.getInputStream().readNBytes(commit.length)).as("the trap fires once").isEqualTo(commit);
    }

    @Test
    void givenMysqlQueryCommit_whenTested_thenMatchesOnlyTheCommitStatement() {
        Predicate<byte[]> commit = TcpProxy.mysqlQuery("commit");

        assertThat(commit).accepts(comQuery("commit"), comQuery("COMMIT "), comQuery(" Commit\n"),
                packet(0, 0x03, "\0\1commit"), concat(comQuery("commit"), comQuery("select 1")));
        assertThat(commit).rejects(comQuery("SET autocommit=0"), comQuery("select 'commit'"), comQuery("commit work"),
                packet(0, 0x16, "commit"), packet(0, 0x17, "commit"), packet(1, 0x03, "commit"),
                Arrays.copyOf(comQuery("commit"), 8), new byte[0], new byte[] {0x07, 0, 0, 0, 0x03});
    }

    @Test
    void givenUnreachableTarget_whenClientConnects_thenClientConnectionIsClosed() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0)) {
            closedPort = unused.getLocalPort();
        }
        try (TcpProxy nowhere = TcpProxy.start("127.0.0.1", closedPort)) {
            Socket client = connect(nowhere);
            assertClosedWithoutAByte(client);
            await().atMost(AWAIT).until(() -> nowhere.openConnections() == 0);
        }
    }

    @Test
    void givenBusyProxy_whenClosedTwice_thenEverythingIsClosedAndNoProxyThreadIsLeft() throws Exception {
        String threadPrefix = "tcp-proxy-" + proxy.port() + "-";
        Socket delayed = connect();
        assertThat(roundTrip(delayed, "warm")).isEqualTo("warm");
        proxy.delayReplies(Duration.ofSeconds(30));
        write(delayed, "late".getBytes(US_ASCII));
        await().atMost(AWAIT).until(() -> new String(echo.received(), US_ASCII).equals("warmlate"));
        proxy.freeze();
        connect();
        await().atMost(AWAIT).until(() -> proxy.openConnections() == 2);
        CompletableFuture<Void> trap = proxy.cutAfterClientSends(chunk -> true);
        assertThat(proxyThreads(threadPrefix)).isNotEmpty();

        long start = System.nanoTime();
        proxy.close();
        proxy.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(proxyThreads(threadPrefix)).isEmpty();
        assertThat(proxy.openConnections()).isZero();
        assertThat(trap).isCompletedExceptionally();
        assertThatThrownBy(() -> delayed.getInputStream().read()).isInstanceOf(SocketException.class);
        assertThatThrownBy(() -> new Socket(proxy.host(), proxy.port()).close()).isInstanceOf(ConnectException.class);
    }

    private Socket connect() throws IOException {
        return connect(proxy);
    }

    private Socket connect(TcpProxy through) throws IOException {
        Socket socket = new Socket(through.host(), through.port());
        clients.add(socket);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) AWAIT.toMillis()); // a broken proxy fails the test instead of hanging it
        return socket;
    }

    private static String roundTrip(Socket client, String text) throws IOException {
        write(client, text.getBytes(UTF_8));
        return read(client, text.getBytes(UTF_8).length);
    }

    private static Duration timedRoundTrip(Socket client, String text) throws IOException {
        long start = System.nanoTime();
        assertThat(roundTrip(client, text)).isEqualTo(text);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void write(Socket client, byte[] bytes) {
        try {
            OutputStream out = client.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Socket client, int length) throws IOException {
        byte[] bytes = client.getInputStream().readNBytes(length);
        assertThat(bytes).as("bytes read before the end of the stream").hasSize(length);
        return new String(bytes, UTF_8);
    }

    /** Absence can only be shown by waiting: the wait is a bound, not a synchronisation. */
    private static void assertNothingArrivesWithin(Socket client, Duration wait) throws IOException {
        int timeout = client.getSoTimeout();
        client.setSoTimeout((int) wait.toMillis());
        try {
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        } finally {
            client.setSoTimeout(timeout);
        }
    }

    /** Reset or orderly end: either way the client must not get a byte. */
    private static void assertClosedWithoutAByte(Socket client) throws IOException {
        int first;
        try {
            first = client.getInputStream().read();
        } catch (SocketException reset) {
            return;
        }
        assertThat(first).as("byte read from a connection the proxy should have closed").isEqualTo(-1);
    }

    private static List<String> proxyThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(name -> name.startsWith(prefix)).toList();
    }

    private static byte[] comQuery(String sql) {
        return packet(0, 0x03, sql);
    }

    private static byte[] packet(int sequenceId, int command, String body) {
        byte[] text = body.getBytes(UTF_8);
        int payloadLength = 1 + text.length;
        byte[] packet = new byte[4 + payloadLength];
        packet[0] = (byte) payloadLength;
        packet[1] = (byte) (payloadLength >> 8);
        packet[2] = (byte) (payloadLength >> 16);
        packet[3] = (byte) sequenceId;
        packet[4] = (byte) command;
        System.arraycopy(text, 0, packet, 5, text.length);
        return packet;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
