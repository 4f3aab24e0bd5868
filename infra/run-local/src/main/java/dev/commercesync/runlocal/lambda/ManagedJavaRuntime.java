package dev.commercesync.runlocal.lambda;

import dev.commercesync.localstack.LocalAwsAccount;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What Lambda's {@code java21} managed runtime puts around a function: AWS's runtime interface client (RIC) on the
 * system class path, its native client library, the JVM flags and the reserved environment variables.
 *
 * <p>As in Lambda, the function's own code is <em>not</em> on the class path: the process starts in the unpacked
 * package (Lambda's {@code /var/task}) and the RIC's customer class loader reads {@code user.dir} and
 * {@code user.dir/lib/*.jar}, the deployed zip's layout. Class loading problems therefore show up here as they would
 * in AWS.
 *
 * @param classpath   the RIC and its dependencies ({@code aws-lambda-java-core}, {@code -serialization})
 * @param jniLibrary  the RIC's native client, passed by system property so the RIC does not unpack it to a fixed
 *                    {@code /tmp} path shared by every process
 */
public record ManagedJavaRuntime(Path javaExecutable, List<Path> classpath, Path jniLibrary) {

    /** The runtime the template names; the JVM is the local one (bytecode 17 runs on both). */
    public static final String RUNTIME = "java21";
    static final String ENTRY_POINT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /** Where this module's build copies the RIC ({@code maven-dependency-plugin}, see the pom). */
    static final Path BUILT_RUNTIME = Path.of("infra", "run-local", "target", "lambda-runtime");
    /** Lambda gives the JVM 85 % of the function's memory as maximum heap. */
    private static final int HEAP_PERCENT_OF_MEMORY = 85;

    public ManagedJavaRuntime {
        classpath = List.copyOf(classpath);
        if (classpath.stream().noneMatch(p -> p.getFileName().toString()
                .startsWith("aws-lambda-java-runtime-interface-client"))) {
            throw new IllegalArgumentException("no aws-lambda-java-runtime-interface-client jar in " + classpath);
        }
    }

    /** The same runtime interface client on another JVM (e.g. a JDK 25 beside the JDK 17 on the PATH). */
    public ManagedJavaRuntime withJavaExecutable(Path java) {
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("no java executable at " + java);
        }
        return new ManagedJavaRuntime(java, classpath, jniLibrary);
    }

    /** The runtime this module's build prepared under the checkout at {@code repoRoot}. */
    public static ManagedJavaRuntime locateBuilt(Path repoRoot) {
        return locate(repoRoot.resolve(BUILT_RUNTIME));
    }

    /** The RIC jars in {@code directory} and the native library for this machine under {@code directory/jni}. */
    public static ManagedJavaRuntime locate(Path directory) {
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no Lambda runtime interface client in " + directory + " (build it with "
                    + "./mvnw -q install -pl infra/run-local)", e);
        }
        Path jni = directory.resolve("jni").resolve("libaws-lambda-jni." + nativePlatform() + ".so");
        if (!Files.isRegularFile(jni)) {
            throw new IllegalStateException("the RIC's native client for this machine is missing: " + jni);
        }
        return new ManagedJavaRuntime(currentJava(), jars, jni);
    }

    /**
     * The launch command of one execution environment, after the java21 runtime's own: its heap limit, serial GC
     * and C1-only JIT; the native client by property; {@code hs_err} reports to the log, not into the task root.
     *
     * @param temporaryDirectory the environment's private {@code /tmp}
     */
    List<String> command(String handler, int memorySize, Path temporaryDirectory) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.add("-XX:MaxHeapSize=" + (memorySize * 1024L * HEAP_PERCENT_OF_MEMORY / 100) + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+ErrorFileToStderr");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-Djava.io.tmpdir=" + temporaryDirectory);
        command.add("-D" + JNI_PROPERTY + "=" + jniLibrary);
        command.add("-classpath");
        command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add(ENTRY_POINT);
        command.add(handler);
        return command;
    }

    /**
     * The process environment, built from nothing as Lambda's is (no variable of ours leaks into the function):
     * the template's variables, then the emulator client settings, then the caller's overrides, then the variables
     * Lambda reserves, which nothing may override.
     */
    Map<String, String> environment(FunctionDefinition function, Path taskRoot, int runtimeApiPort,
                                           String logStreamName, AwsEndpoints endpoints,
                                           Map<String, String> overrides) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.putAll(function.environment());
        environment.putAll(endpoints.quarkusClientEnvironment());
        environment.putAll(overrides);

        environment.put("_HANDLER", function.handler());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + RUNTIME);
        environment.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApiPort);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", function.version());
        // Not snap-start, although the template asks for SnapStart: the RIC would then checkpoint and wait on
        // /runtime/restore/next, which only makes sense with a snapshot to restore from.
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        environment.put("AWS_REGION", LocalAwsAccount.REGION);
        environment.put("AWS_DEFAULT_REGION", LocalAwsAccount.REGION);
        environment.put("AWS_ACCESS_KEY_ID", LocalAwsAccount.ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", LocalAwsAccount.SECRET_ACCESS_KEY);
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("LAMBDA_RUNTIME_DIR", directory().toString());
        return environment;
    }

    /** Lambda's {@code /var/runtime}: where the RIC lives. */
    public Path directory() {
        return classpath.stream().filter(p -> p.getFileName().toString()
                .startsWith("aws-lambda-java-runtime-interface-client")).findFirst().orElseThrow()
                .toAbsolutePath().getParent();
    }

    private static String nativePlatform() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the Lambda RIC has no native client for " + arch);
        };
        // Alpine and friends: the RIC ships a separate build for musl libc.
        boolean musl = Files.exists(Path.of("/lib/ld-musl-" + (cpu.equals("x86_64") ? "x86_64" : "aarch64") + ".so.1"));
        return (musl ? "linux_musl-" : "linux-") + cpu;
    }

    private static Path currentJava() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("no java executable at " + java);
        }
        return java;
    }
}
