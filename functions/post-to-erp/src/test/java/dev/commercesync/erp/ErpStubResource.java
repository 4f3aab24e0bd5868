package dev.commercesync.erp;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock ERP on 127.0.0.1 and a random port, speaking {@code infra/erp/generic-erp-openapi.yaml} under
 * {@code /api}. Tests stub it per case and get it injected into a field marked {@link ErpStub}.
 * <p>
 * Sets {@code commerce.erp.base-url} itself, not only {@code ERP_BASE_URL}: {@code AwsEmulatorsResource} also returns
 * an {@code ERP_BASE_URL} (a dead loopback port, from the template), and which of two test resources wins a property
 * both return is not defined.
 */
public class ErpStubResource implements QuarkusTestResourceLifecycleManager {

    static final String API_KEY = "test-erp-key";
    static final String BASE_PATH = "/api";

    /** Marks the test field that receives the running {@link WireMockServer}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface ErpStub {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String baseUrl = "http://127.0.0.1:" + server.port() + BASE_PATH;
        return Map.of(
                "ERP_BASE_URL", baseUrl,
                "commerce.erp.base-url", baseUrl,
                "ERP_API_KEY", API_KEY,
                "commerce.erp.api-key", API_KEY);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(ErpStub.class,
                WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
