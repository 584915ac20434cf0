using System.Text.RegularExpressions;
using OrleansChat.Integration.Tests.Infrastructure;
using OrleansChat.Testing;

namespace OrleansChat.Integration.Tests;

/// <summary>No Docker engine runs here: the compose file is validated by docker-compose itself.</summary>
public sealed partial class DeploymentFileTests
{
    private const string Compose = "/usr/bin/docker-compose";

    private static readonly string[] Secrets =
    [
        "CHAT_SIGNING_KEY=0123456789abcdef0123456789abcdef", "POSTGRES_PASSWORD=secret",
        "CHAT_SILO_DB_PASSWORD=silo-secret", "CHAT_WEB_DB_PASSWORD=web-secret",
    ];

    [Fact]
    public async Task The_compose_file_is_valid_and_describes_the_cluster()
    {
        var services = await ComposeAsync(Secrets, "config", "--services");

        // grafana and prometheus belong to the monitoring profile: they run only when it is asked for.
        Assert.Equal(["azurite", "grafana", "lb", "migrate", "postgres", "prometheus", "silo1", "silo2", "silo3", "web1", "web2"],
            services.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());
    }

    [Theory]
    [InlineData("CHAT_SIGNING_KEY", "set CHAT_SIGNING_KEY (32+ characters")]
    [InlineData("POSTGRES_PASSWORD", "set POSTGRES_PASSWORD")]
    [InlineData("CHAT_SILO_DB_PASSWORD", "set CHAT_SILO_DB_PASSWORD")]
    [InlineData("CHAT_WEB_DB_PASSWORD", "set CHAT_WEB_DB_PASSWORD")]
    public async Task The_compose_file_refuses_to_run_without_a_secret(string variable, string message)
    {
        string[] environment = ["-u", variable, .. Secrets.Where(s => !s.StartsWith($"{variable}=", StringComparison.Ordinal))];

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ComposeAsync(environment, "config", "-q"));

        // docker-compose's own words, from the file's ${VARIABLE:?...}: a missing program or a broken file says otherwise.
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Silos_and_web_replicas_connect_as_their_own_roles_after_the_migrate_step_the_only_superuser()
    {
        var config = await ComposeAsync(Secrets, "config");

        Assert.Equal(3, Regex.Count(config, "ConnectionStrings__chatdb: .*Username=chat_silo;Password=silo-secret"));
        Assert.Equal(2, Regex.Count(config, "ConnectionStrings__chatdb: .*Username=chat_web;Password=web-secret"));
        Assert.Equal(1, Regex.Count(config, "Username=postgres;"));
        var migrate = Service(config, "migrate");
        Assert.Contains("Username=postgres;Password=secret", migrate);
        Assert.Contains("- migrate", migrate);
        Assert.Contains("Chat__Database__SiloPassword: silo-secret", migrate);
        Assert.Contains("Chat__Database__WebPassword: web-secret", migrate);
        Assert.Contains("restart: \"no\"", migrate);
        foreach (var silo in new[] { "silo1", "silo2", "silo3" })
        {
            var service = Service(config, silo);
            Assert.Matches(@"migrate:\s+condition: service_completed_successfully", service);
            Assert.Contains("Chat__Database__MigrateOnStart: \"false\"", service);
        }
        // The roles come from the migrations now, never from an init script of the database's image.
        Assert.DoesNotContain("docker-entrypoint-initdb.d", config);
    }

    [Fact]
    public async Task Web_replicas_keep_files_in_one_azurite_blob_store_unless_given_azure_blob_storage()
    {
        var config = await ComposeAsync(Secrets, "config");

        var azurite = Service(config, "azurite");
        Assert.Contains("image: mcr.microsoft.com/azure-storage/azurite:", azurite);
        // Blobs only, kept in a volume, and reachable from the compose network alone.
        Assert.Matches(@"command:\s+- azurite-blob\s", azurite);
        Assert.Contains("- files:/data", azurite);
        Assert.DoesNotContain("ports:", azurite);
        foreach (var web in new[] { "web1", "web2" })
        {
            var service = Service(config, web);
            Assert.Contains("Chat__Files__Store: azure-blob", service);
            Assert.Matches(@"Chat__Files__AzureBlob__ConnectionString: DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=[^;]+;BlobEndpoint=http://azurite:10000/devstoreaccount1;", service);
            Assert.Matches(@"azurite:\s+condition: service_started", service);
        }

        var azure = await ComposeAsync([.. Secrets, "CHAT_FILES_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=chat;AccountKey=a2V5;EndpointSuffix=core.windows.net"], "config");
        Assert.Equal(2, Regex.Count(azure, "Chat__Files__AzureBlob__ConnectionString: DefaultEndpointsProtocol=https;AccountName=chat;AccountKey=a2V5;EndpointSuffix=core.windows.net\n"));
    }

    [Fact]
    public void No_access_log_in_deploy_records_the_query_string_where_tokens_travel()
    {
        var files = Directory.GetFiles(RepositoryFiles.PathOf("deploy"), "*.conf", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var config = Comment().Replace(File.ReadAllText(file), "");
            var formats = LogFormat().Matches(config).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["format"].Value);
            foreach (var (name, format) in formats)
            {
                Assert.False(QueryVariable().IsMatch(format), $"{file}: log_format {name} records the query string ({QueryVariable().Match(format).Value}).");
            }

            var logs = AccessLog().Matches(config).Select(m => m.Groups["arguments"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToArray();
            // Without an access_log of its own, nginx logs in the "combined" format, which records $request.
            Assert.True(!config.Contains("http {", StringComparison.Ordinal) || logs.Length > 0, $"{file} keeps nginx's default access log.");
            foreach (var arguments in logs.Where(a => a[0] != "off"))
            {
                var format = arguments.Length > 1 && !arguments[1].Contains('=', StringComparison.Ordinal) ? arguments[1] : "combined";
                Assert.True(formats.ContainsKey(format), $"{file}: access_log {arguments[0]} uses the format {format}, not one of the file's own.");
            }
        }
    }

    /// <summary>One service's block of <c>docker-compose config</c>'s output (services at two spaces' indent).</summary>
    private static string Service(string config, string name)
    {
        var start = config.IndexOf($"\n  {name}:\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No service {name}.");
        var next = ServiceStart().Match(config, start + name.Length + 4);
        return next.Success ? config[start..next.Index] : config[start..];
    }

    private static Task<string> ComposeAsync(string[] environment, params string[] arguments)
    {
        Assert.True(File.Exists(Compose), "docker-compose is missing: apt-get install -y docker-compose (eng/test.sh does this).");
        var root = RepositoryFiles.Root;
        return ExternalProcess.RunAsync("env", [.. environment, Compose, "--project-directory", root, "-f", Path.Combine(root, "docker-compose.yml"), .. arguments]);
    }

    [GeneratedRegex(@"\n(  \S|\S)")]
    private static partial Regex ServiceStart();

    [GeneratedRegex("#[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\blog_format\s+(?<name>\w+)(?:\s+escape=\w+)?(?<format>(?:\s*'[^']*'|\s*""[^""]*"")+)\s*;")]
    private static partial Regex LogFormat();

    [GeneratedRegex(@"\baccess_log\s+(?<arguments>[^;]+);")]
    private static partial Regex AccessLog();

    /// <summary>The whole request line, the URI with its arguments, the arguments, or the token's own argument.</summary>
    [GeneratedRegex(@"\$\{?(?:request|request_uri|args|query_string|arg_access_token)\b")]
    private static partial Regex QueryVariable();
}
