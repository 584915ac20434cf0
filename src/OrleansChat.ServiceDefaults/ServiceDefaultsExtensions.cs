using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every OrleansChat process has: telemetry (with Orleans' and Npgsql's meters and sources), health checks, resilient HTTP.</summary>
public static class ServiceDefaultsExtensions
{
    private const string HealthPath = "/health";
    private const string AlivePath = "/alive";
    private const string MetricsPath = "/metrics";

    /// <summary>
    /// The activity sources every node records besides ASP.NET Core's requests and HttpClient's calls: the
    /// application's own, Orleans' grain calls, SignalR's hub methods (each call a client makes is a trace of its own,
    /// as a REST request is: SignalR starts it as a root, not under the connection's long-lived request; a
    /// connection's start and end stay under that request), Npgsql and the log's appends.
    /// </summary>
    public static string[] TracedSources(string applicationName) =>
        [applicationName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.AspNetCore.SignalR.Server", "Npgsql", "OrleansChat.Storage"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    private static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Npgsql's pools (connections in use, idle, waited for), commands and their durations.
                .AddMeter("Microsoft.Orleans", "OrleansChat", "OrleansChat.Storage", "Npgsql")
                // Kestrel's connections and SignalR's (hub connections open, and how long they last).
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections"));

        // Spans go nowhere but OTLP: without an endpoint, recording them would only cost (an Activity with its tags for
        // every request, hub call, grain call and append, a tenth of what the silo allocates under load).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                    // Chat:Tracing:SampleRatio of the traces that start here are recorded (all by default); a call that
                    // arrives in a recorded trace is recorded with it, so traces stay whole.
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(builder.Configuration.GetValue("Chat:Tracing:SampleRatio", 1.0))))
                    .AddSource(TracedSources(builder.Environment.ApplicationName))
                    // Health probes are noise; the query string (access_token) is redacted by the instrumentation.
                    .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthPath) && !context.Request.Path.StartsWithSegments(AlivePath)
                        && !context.Request.Path.StartsWithSegments(MetricsPath))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }
        if (PrometheusEnabled(builder.Configuration))
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
        }
    }

    /// <summary><c>/health</c>: every check passes (ready for traffic); <c>/alive</c>: the process responds.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        if (PrometheusEnabled(app.Configuration)) app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    /// <summary>
    /// <c>Chat:Metrics:Prometheus</c>: <c>/metrics</c> in Prometheus' text format, for a Prometheus that scrapes the
    /// nodes directly (docs/operations.md, "Metrics"); off by default. A load balancer in front must not pass it on.
    /// </summary>
    private static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue("Chat:Metrics:Prometheus", false);
}
