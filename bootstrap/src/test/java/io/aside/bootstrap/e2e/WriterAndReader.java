package io.aside.bootstrap.e2e;

import io.aside.bootstrap.AsideConfig;
import io.aside.bootstrap.AsideService;
import io.aside.testing.ApiClient;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two production-wired instances on one database and one Redis: one that writes, one that reads,
 * as two instances behind a load balancer would. The writer may reach the stores by another path
 * (through a fault-injecting proxy, say). A test class registers it as a static extension; it starts
 * before the class's tests and stops after them.
 */
public final class WriterAndReader implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<AsideConfig> config;
    private final UnaryOperator<AsideConfig> writersPath;
    private AsideService writer;
    private AsideService reader;
    private ApiClient writerHttp;
    private ApiClient readerHttp;

    /** Both instances on {@code config}, made when the class starts. */
    public WriterAndReader(Supplier<AsideConfig> config) {
        this(config, UnaryOperator.identity());
    }

    /** As above, the writer on {@code writersPath} applied to it. */
    public WriterAndReader(Supplier<AsideConfig> config, UnaryOperator<AsideConfig> writersPath) {
        this.config = config;
        this.writersPath = writersPath;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        AsideConfig shared = config.get();
        writer = AsideService.start(writersPath.apply(shared));
        try {
            reader = AsideService.start(shared);
            writerHttp = new ApiClient(writer.port());
            readerHttp = new ApiClient(reader.port());
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (reader != null) reader.close();
        if (writer != null) writer.close();
    }

    public AsideService writer() {
        return writer;
    }

    public AsideService reader() {
        return reader;
    }

    public ApiClient writerHttp() {
        return writerHttp;
    }

    public ApiClient readerHttp() {
        return readerHttp;
    }
}
