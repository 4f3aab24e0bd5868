package dev.commercesync.runlocal.coldstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.commercesync.localstack.RepositoryRoot;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ./run-local coldstart}: see {@link ColdStartOptions.usage()} and BENCHMARKS.md. */
public final class ColdStartCommand {

    private static final System.Logger LOG = System.getLogger(ColdStartCommand.class.getName());

    private ColdStartCommand() {
    }

    /**
     * Runs the command; returns the process exit status: 0, 1 if any first event went wrong or the run failed, 2 for
     * bad options.
     */
    public static int run(List<String> args, PrintStream out) throws Exception {
        ColdStartOptions options;
        try {
            options = ColdStartOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("run-local coldstart: " + e.getMessage());
            System.err.println("Try ./run-local coldstart --help");
            return 2;
        }
        if (options.helpRequested()) {
            out.print(ColdStartOptions.usage());
            return 0;
        }
        Path root = RepositoryRoot.locate();
        ColdStartReport report;
        try {
            report = new ColdStartRun(root, options, out).run();
        } catch (Exception e) {
            // Returned, not thrown: the caller's System.exit then ends this JVM even if a server thread lingers.
            LOG.log(System.Logger.Level.ERROR, "run-local coldstart failed", e);
            return 1;
        }
        out.println();
        out.print(report.table());
        if (options.json().isPresent()) {
            Path file = options.json().get().toAbsolutePath();
            Files.createDirectories(file.getParent());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("report", report);
            json.put("summary", report.rows());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
            out.println("written to " + options.json().get());
        }
        boolean allOk = report.samples().stream().allMatch(ColdStartSample::ok);
        return allOk ? 0 : 1;
    }
}
