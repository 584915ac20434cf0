using System.Diagnostics;
using System.Net;
using OrleansChat.Integration.Tests.Infrastructure;
using OrleansChat.Testing;

namespace OrleansChat.Integration.Tests;

/// <summary>
/// The load balancer's configuration (<c>deploy/nginx.conf</c>) in a real nginx: it loads, and what it logs of hub
/// requests, whose token travels in the query string, holds no token, even when a replica fails them.
/// </summary>
public sealed class LoadBalancerTests
{
    private const string Nginx = "/usr/sbin/nginx";
    private const string Token = "eyJzdWIiOiJhbGljZSJ9.secret-signature";

    [Fact]
    public async Task Hub_requests_are_logged_by_path_without_their_token_even_when_the_replicas_are_down_and_metrics_stay_inside()
    {
        Assert.True(File.Exists(Nginx), "nginx is missing: apt-get install -y nginx-light (eng/test.sh does this).");
        var directory = Directory.CreateTempSubdirectory("orleanschat-nginx-").FullName;
        var port = FreePort.Next();
        try
        {
            // Compose's service names resolve only inside its network, and its port 80 and its logs (the container's
            // output) are the container's: here loopback ports with no replica behind them, and files.
            var config = Substitute(File.ReadAllText(RepositoryFiles.PathOf("deploy/nginx.conf")), new()
            {
                ["web1:8080"] = $"127.0.0.1:{FreePort.Next()}",
                ["web2:8080"] = $"127.0.0.1:{FreePort.Next()}",
                ["listen 80;"] = $"listen 127.0.0.1:{port};",
                ["/dev/stdout"] = Path.Combine(directory, "access.log"),
                ["/dev/stderr"] = Path.Combine(directory, "hub-error.log"),
            });
            File.WriteAllText(Path.Combine(directory, "nginx.conf"), config);
            using var nginx = Process.Start(new ProcessStartInfo(Nginx,
                ["-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-g", $"daemon off; pid {directory}/nginx.pid; error_log {directory}/error.log;"])
            {
                RedirectStandardError = true,
            })!;
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                await WaitListeningAsync(http, nginx);

                using var negotiate = await http.PostAsync($"/hubs/chat/negotiate?negotiateVersion=1&access_token={Token}", null);
                using var events = await http.GetAsync($"/hubs/chat?id=connection-1&access_token={Token}");
                Assert.Equal(HttpStatusCode.BadGateway, negotiate.StatusCode);
                Assert.Equal(HttpStatusCode.BadGateway, events.StatusCode);
                // The replicas' /metrics is for Prometheus inside the network: the balancer answers it itself.
                using var metrics = await http.GetAsync("/metrics");
                Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
            }
            finally
            {
                nginx.Kill(entireProcessTree: true);
                await nginx.WaitForExitAsync();
            }

            var access = File.ReadAllText(Path.Combine(directory, "access.log"));
            Assert.Contains("\"POST /hubs/chat/negotiate HTTP/1.1\" 502", access);
            Assert.Contains("\"GET /hubs/chat HTTP/1.1\" 502", access);
            foreach (var log in Directory.GetFiles(directory, "*.log"))
            {
                Assert.DoesNotContain("secret-signature", File.ReadAllText(log));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Substitute(string config, Dictionary<string, string> replacements)
    {
        foreach (var (original, replacement) in replacements)
        {
            Assert.Contains(original, config);
            config = config.Replace(original, replacement, StringComparison.Ordinal);
        }
        return config;
    }

    private static async Task WaitListeningAsync(HttpClient http, Process nginx)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (nginx.HasExited) throw new InvalidOperationException($"nginx exited with {nginx.ExitCode}: {await nginx.StandardError.ReadToEndAsync()}");
            try
            {
                using var _ = await http.GetAsync("/health");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
