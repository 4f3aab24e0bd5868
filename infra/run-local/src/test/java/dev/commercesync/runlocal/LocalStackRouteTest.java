package dev.commercesync.runlocal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Keeps the LocalStack route ({@code infra/localstack}) honest without Docker, which our machines do not have: the
 * compose file publishes on loopback only and takes the auth token from the environment, and {@code deploy.sh} is a
 * runnable bash script that deploys {@code infra/template.yaml}, gives every parameter without a default a value,
 * checks for exactly the zips the template's {@code CodeUri}s name, and points at nothing but this machine.
 */
class LocalStackRouteTest {

    private static final Path ROOT = RepositoryRoot.locate();
    private static final Path DIR = ROOT.resolve("infra/localstack");
    private static final Path COMPOSE = DIR.resolve("docker-compose.yml");
    private static final Path DEPLOY = DIR.resolve("deploy.sh");
    private static final Path TEARDOWN = DIR.resolve("teardown.sh");
    private static final Path TEMPLATE = RepositoryRoot.template(ROOT);

    /** Where the scripts and the compose file may point: this machine, as seen from the host or from a container. */
    private static final Set<String> ALLOWED_HOSTS = Set.of("127.0.0.1", "localhost", "host.docker.internal");
    /** LocalStack's API Gateway host names; public DNS resolves them to 127.0.0.1 and deploy.sh pins them there. */
    private static final String LOCALSTACK_LOOPBACK_DOMAIN = ".localhost.localstack.cloud";

    // ------------------------------------------------------------------------------------------------ compose file

    @Test
    void composePublishesLocalStackOnLoopbackOnly() {
        Map<String, Object> localstack = localStackService();
        List<Object> ports = list(localstack.get("ports"));

        assertThat(ports).as("published ports").isNotEmpty();
        for (Object port : ports) {
            if (port instanceof Map<?, ?> longSyntax) {
                assertThat(longSyntax.get("host_ip")).as("host_ip of %s", port).isEqualTo("127.0.0.1");
            } else {
                assertThat(String.valueOf(port)).as("port %s", port).startsWith("127.0.0.1:");
            }
        }
        assertThat(ports).anySatisfy(port -> assertThat(String.valueOf(port)).endsWith(":4566"));
        assertThat(localstack).doesNotContainKey("network_mode");
    }

    @Test
    void composeTakesTheAuthTokenFromTheEnvironmentAndNeverHoldsOne() {
        Map<String, String> environment = environment(localStackService());

        assertThat(environment).containsKey("LOCALSTACK_AUTH_TOKEN");
        assertThat(environment.get("LOCALSTACK_AUTH_TOKEN"))
                .as("LOCALSTACK_AUTH_TOKEN must be interpolated from the caller's environment")
                .startsWith("${LOCALSTACK_AUTH_TOKEN");
    }

    @Test
    void composeGivesLocalStackTheDockerSocketItNeedsForLambda() {
        Map<String, Object> localstack = localStackService();
        Map<String, String> environment = environment(localstack);

        assertThat(environment).containsEntry("DOCKER_HOST", "unix:///var/run/docker.sock");
        assertThat(list(localstack.get("volumes"))).map(String::valueOf)
                .anySatisfy(volume -> assertThat(volume).endsWith(":/var/run/docker.sock"))
                .anySatisfy(volume -> assertThat(volume).endsWith(":/var/lib/localstack"));
        // Lambda containers must join the network LocalStack is on (LocalStack's LAMBDA_DOCKER_NETWORK contract).
        Map<String, Object> defaultNetwork = map(map(compose().get("networks")).get("default"));
        assertThat(environment.get("LAMBDA_DOCKER_NETWORK")).isEqualTo(defaultNetwork.get("name"));
        assertThat(String.valueOf(map(localstack.get("healthcheck")).get("test"))).contains("/_localstack/health");
    }

    @Test
    void composeLoadsEveryServiceDeployShWaitsFor() {
        String services = environment(localStackService()).get("SERVICES");
        Matcher fallback = Pattern.compile("^\\$\\{LOCALSTACK_SERVICES-([^}]*)}$").matcher(services);
        assertThat(fallback.matches()).as("SERVICES is ${LOCALSTACK_SERVICES-<list>}: %s", services).isTrue();
        Set<String> loaded = Set.of(fallback.group(1).split(","));

        assertThat(loaded).containsAll(shellArray(deployScript(), "REQUIRED_SERVICES"));
        // An HTTP API is API Gateway v2, and DynamoDB SSE makes LocalStack create a KMS key.
        assertThat(loaded).contains("apigatewayv2", "kms");
    }

    // ---------------------------------------------------------------------------------------------------- deploy.sh

    @Test
    void scriptsAreExecutableBashThatParses() throws Exception {
        for (Path script : List.of(DEPLOY, TEARDOWN)) {
            assertThat(Files.isExecutable(script)).as("%s is executable", ROOT.relativize(script)).isTrue();
            String text = Files.readString(script);
            assertThat(text).startsWith("#!/usr/bin/env bash\n").contains("\nset -euo pipefail\n");
            assertThat(run("bash", "-n", script.toString())).as("bash -n %s", script.getFileName()).isEmpty();
        }
    }

    @Test
    void scriptsAreShellcheckClean() throws Exception {
        Assumptions.assumeTrue(onPath("shellcheck"), "shellcheck is not installed");
        assertThat(run("shellcheck", DEPLOY.toString(), TEARDOWN.toString())).isEmpty();
    }

    @Test
    void deployShDeploysTheSamTemplate() {
        String script = deployScript();

        Matcher templateFile = Pattern.compile("--template-file\\s+(\\S+)").matcher(script);
        assertThat(templateFile.find()).as("deploy.sh passes --template-file").isTrue();
        assertThat(templateFile.group(1)).isEqualTo("infra/template.yaml");
        assertThat(ROOT.resolve(templateFile.group(1))).isEqualTo(TEMPLATE);
        assertThat(script).contains("samlocal deploy", "--resolve-s3", "--capabilities CAPABILITY_IAM",
                "--no-confirm-changeset");
    }

    @Test
    void deployShGivesEveryParameterWithoutDefaultAValue() {
        Map<String, SamTemplate.Parameter> parameters = SamTemplate.read(TEMPLATE).parameters();
        Set<String> required = parameters.values().stream()
                .filter(parameter -> parameter.defaultValue().isEmpty())
                .map(SamTemplate.Parameter::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        ParameterOverrides overrides = parameterOverrides(deployScript());

        assertThat(required).as("parameters without Default").isNotEmpty();
        assertThat(overrides.always()).as("parameters deploy.sh always sets").containsAll(required);
        assertThat(overrides.all()).as("every override names a template parameter")
                .allSatisfy(name -> assertThat(parameters).containsKey(name));
        // The two secrets deploy.sh creates are the template's two secret parameters.
        assertThat(overrides.all()).contains("ShopifyWebhookSecretArn", "ErpApiKeySecretArn");
    }

    @Test
    void deployShChecksExactlyTheZipsTheTemplateDeploys() {
        Path templateDir = TEMPLATE.getParent();
        Set<String> codeUris = SamTemplate.read(TEMPLATE).functions().stream()
                .map(function -> ROOT.relativize(templateDir.resolve(function.codeUri()).normalize()).toString())
                .collect(Collectors.toCollection(LinkedHashSet::new));

        List<String> checked = shellArray(deployScript(), "FUNCTION_ZIPS");

        assertThat(codeUris).as("CodeUris of infra/template.yaml").hasSize(7)
                .allSatisfy(uri -> assertThat(uri).endsWith("/target/function.zip"));
        assertThat(checked).doesNotHaveDuplicates();
        assertThat(Set.copyOf(checked)).isEqualTo(codeUris);
        assertThat(deployScript()).contains("./mvnw package -DskipTests");
    }

    @Test
    void everySecretReferenceIsTheFullFormLocalStackCanResolve() throws IOException {
        // LocalStack splits {{resolve:secretsmanager:...}} on ":SecretString:"; the short "...:SecretString}}" fails.
        Matcher reference = Pattern.compile("\\{\\{resolve:secretsmanager:.*?}}").matcher(Files.readString(TEMPLATE));
        List<String> references = new ArrayList<>();
        while (reference.find()) {
            references.add(reference.group());
        }

        assertThat(references).as("secret references in the template").isNotEmpty()
                .allSatisfy(ref -> assertThat(ref).as("secret reference").endsWith(":SecretString:::}}"));
    }

    @Test
    void everythingTheRoutePointsAtIsThisMachine() throws IOException {
        // Shell case patterns (a|b, [:/]*) end an address too.
        Pattern url = Pattern.compile("https?://[^\\s'\"`)<>|\\[*]+");
        for (Path file : List.of(COMPOSE, DEPLOY, TEARDOWN)) {
            Matcher matcher = url.matcher(Files.readString(file));
            while (matcher.find()) {
                String address = withoutTrailingPunctuation(matcher.group());
                String authority = address.replaceFirst("^https?://", "").split("[/?#]", 2)[0];
                if (authority.startsWith("$") || authority.isEmpty()) {
                    continue; // a variable, checked where it is assigned
                }
                String host = URI.create("http://" + authority.replaceAll("\\$\\{[^}]*}", "0")).getHost();
                assertThat(host).as("host of %s in %s", address, file.getFileName()).isNotNull();
                assertThat(ALLOWED_HOSTS.contains(host) || host.endsWith(LOCALSTACK_LOOPBACK_DOMAIN))
                        .as("%s in %s points at %s", address, file.getFileName(), host).isTrue();
            }
        }
        String deploy = deployScript();
        assertThat(deploy).contains("readonly ENDPOINT=\"http://127.0.0.1:${LOCALSTACK_PORT}\"")
                .contains("ERP_BASE_URL=${ERP_BASE_URL:-http://host.docker.internal:8089}")
                .contains("export AWS_ENDPOINT_URL=\"$ENDPOINT\"")
                .contains("--resolve '${api_host}:127.0.0.1'");
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    /** An address as written in prose ("... :8089.") or as a ${VAR:-default} fallback, without what ends those. */
    static String withoutTrailingPunctuation(String address) {
        String trimmed = address.replaceFirst("[.,;:]+$", "");
        while (trimmed.endsWith("}") && trimmed.chars().filter(c -> c == '}').count()
                > trimmed.chars().filter(c -> c == '{').count()) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** The values of {@code readonly NAME=( ... )} in a bash script, in order. */
    static List<String> shellArray(String script, String name) {
        Matcher matcher = Pattern.compile("(?m)^readonly " + name + "=\\(([^)]*)\\)").matcher(script);
        assertThat(matcher.find()).as("deploy.sh declares readonly %s=( ... )", name).isTrue();
        return Arrays.stream(matcher.group(1).split("\\s+")).filter(word -> !word.isBlank()).toList();
    }

    /** Template parameters on {@code parameter_overrides=( ... )} (always) and on any {@code +=( ... )} line. */
    static ParameterOverrides parameterOverrides(String script) {
        Pattern assignment = Pattern.compile("(?m)^\\s*parameter_overrides(\\+?)=\\((.*)\\)\\s*$");
        Pattern override = Pattern.compile("\"([A-Za-z][A-Za-z0-9]*)=");
        Set<String> always = new LinkedHashSet<>();
        Set<String> all = new LinkedHashSet<>();
        Matcher line = assignment.matcher(script);
        int plain = 0;
        while (line.find()) {
            boolean append = !line.group(1).isEmpty();
            plain += append ? 0 : 1;
            Matcher names = override.matcher(line.group(2));
            while (names.find()) {
                all.add(names.group(1));
                if (!append) {
                    always.add(names.group(1));
                }
            }
        }
        assertThat(plain).as("deploy.sh sets parameter_overrides=( ... ) exactly once").isEqualTo(1);
        assertThat(script).contains("--parameter-overrides \"${parameter_overrides[@]}\"");
        return new ParameterOverrides(always, all);
    }

    record ParameterOverrides(Set<String> always, Set<String> all) {
    }

    private static String deployScript() {
        try {
            return Files.readString(DEPLOY);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + DEPLOY, e);
        }
    }

    private static Map<String, Object> compose() {
        try {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(COMPOSE));
            return map(document);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + COMPOSE, e);
        }
    }

    private static Map<String, Object> localStackService() {
        Map<String, Object> services = map(compose().get("services"));
        assertThat(services).containsKey("localstack");
        return map(services.get("localstack"));
    }

    /** A service's environment, whether written as a mapping or as a list of {@code NAME=value}. */
    private static Map<String, String> environment(Map<String, Object> service) {
        Object raw = service.get("environment");
        Map<String, String> environment = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> entries) {
            entries.forEach((name, value) -> environment.put(String.valueOf(name), String.valueOf(value)));
        } else {
            for (Object entry : list(raw)) {
                String[] parts = String.valueOf(entry).split("=", 2);
                environment.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object raw) {
        assertThat(raw).isInstanceOf(Map.class);
        return (Map<String, Object>) raw;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object raw) {
        assertThat(raw).isInstanceOf(List.class);
        return (List<Object>) raw;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }

    /** Runs a command in the repository root; returns its output when it succeeds, fails the test otherwise. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as("%s exit status; output:%n%s", String.join(" ", command), output)
                .isZero();
        return output.strip();
    }
}
