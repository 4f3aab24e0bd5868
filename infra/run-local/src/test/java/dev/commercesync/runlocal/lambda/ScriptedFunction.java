package dev.commercesync.runlocal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A function for the runtime tests, zipped on its own by {@link ScriptedFunctionPackage}: its payload, a JSON string
 * {@code "<verb>:<argument>"}, says what to do. Echo what the environment looks like, fail, sleep, exit or leave a
 * non-daemon thread behind (as Quarkus does); no
 * dependencies beyond what the managed runtime provides, so it starts in a fraction of a Quarkus function's time.
 */
public class ScriptedFunction implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String script = new String(input.readAllBytes(), StandardCharsets.UTF_8).trim();
        if (script.startsWith("\"") && script.endsWith("\"")) {
            script = script.substring(1, script.length() - 1);
        }
        int colon = script.indexOf(':');
        String verb = colon < 0 ? script : script.substring(0, colon);
        String argument = colon < 0 ? "" : script.substring(colon + 1);
        switch (verb) {
            case "echo" -> output.write(("{\"echo\":\"" + argument + "\""
                    + ",\"requestId\":\"" + context.getAwsRequestId() + "\""
                    + ",\"functionName\":\"" + context.getFunctionName() + "\""
                    + ",\"functionVersion\":\"" + context.getFunctionVersion() + "\""
                    + ",\"invokedFunctionArn\":\"" + context.getInvokedFunctionArn() + "\""
                    + ",\"memoryLimitInMB\":" + context.getMemoryLimitInMB()
                    + ",\"remainingTimeInMillis\":" + context.getRemainingTimeInMillis()
                    + ",\"logGroupName\":\"" + context.getLogGroupName() + "\""
                    + ",\"pid\":" + ProcessHandle.current().pid()
                    + ",\"userDir\":\"" + System.getProperty("user.dir") + "\""
                    + ",\"tmpdir\":\"" + System.getProperty("java.io.tmpdir") + "\""
                    + ",\"classLoader\":\"" + getClass().getClassLoader().getClass().getName() + "\""
                    + ",\"runtimeApi\":\"" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "\""
                    + ",\"handlerVariable\":\"" + System.getenv("_HANDLER") + "\""
                    + ",\"region\":\"" + System.getenv("AWS_REGION") + "\""
                    + ",\"home\":\"" + System.getenv("HOME") + "\""
                    + ",\"custom\":\"" + System.getenv("SCRIPTED_SETTING") + "\""
                    + "}").getBytes(StandardCharsets.UTF_8));
            case "fail" -> throw new IllegalStateException(argument);
            case "sleep" -> {
                try {
                    Thread.sleep(Long.parseLong(argument));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                output.write("\"slept\"".getBytes(StandardCharsets.UTF_8));
            }
            case "exit" -> Runtime.getRuntime().halt(Integer.parseInt(argument));
            case "linger" -> {
                // A non-daemon thread, as Quarkus and Vert.x keep: the JVM outlives a failed RIC main thread.
                Thread lingering = new Thread(() -> {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "lingering");
                lingering.setDaemon(false);
                lingering.start();
                output.write("\"lingering\"".getBytes(StandardCharsets.UTF_8));
            }
            default -> throw new IllegalArgumentException("unknown script " + script);
        }
    }

    /** A handler whose construction fails: the RIC reports an init error and exits. */
    public static class BrokenInit implements RequestStreamHandler {

        public BrokenInit() {
            throw new IllegalStateException("configuration missing");
        }

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) {
            throw new AssertionError("never constructed");
        }
    }
}
